import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { z } from 'zod';
import { ForumError } from './errors.js';

export interface ForumClientOptions {
  baseUrl: string;
  apiKey: string;
  apiUsername: string;
  timeoutMs?: number;
}

const categorySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  slug: z.string(),
  parent_category_id: z.number().int().nullish(),
});
const siteSchema = z.object({ categories: z.array(categorySchema) });

export interface CategoryInfo {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
}

const errorBody = z.object({
  errors: z.array(z.string()).optional(),
  error_type: z.string().optional(),
  extras: z.object({ wait_seconds: z.number().optional() }).optional(),
});

function reasonOf(status: number, data: unknown): string {
  const body = errorBody.safeParse(data);
  if (body.success && (body.data.errors?.length || body.data.error_type)) {
    return [body.data.error_type, body.data.errors?.join('; ')].filter(Boolean).join(': ');
  }
  // The per-IP limiter answers in plain text (contract §5.2).
  if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 200);
  return `HTTP ${status}`;
}

function retryAfterMs(err: AxiosError): number | null {
  const header = err.response?.headers?.['retry-after'];
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const body = errorBody.safeParse(err.response?.data);
  const wait = body.success ? body.data.extras?.wait_seconds : undefined;
  return wait !== undefined ? wait * 1000 : null;
}

function toForumError(call: string, err: unknown): ForumError {
  if (err instanceof ForumError) return err;
  if (err instanceof AxiosError) {
    const status = err.response?.status ?? null;
    if (status === null) {
      const why = err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT' ? 'timed out' : `no answer (${err.code ?? 'network error'})`;
      return new ForumError(call, null, why, true);
    }
    const retryable = status === 429 || status >= 500;
    return new ForumError(call, status, reasonOf(status, err.response?.data), retryable, status === 429 ? retryAfterMs(err) : null);
  }
  return new ForumError(call, null, (err as Error)?.message ?? String(err), false);
}

/** The Discourse REST API, as the service uses it (interface.md "Forum calls"). */
export class ForumClient {
  private readonly http: AxiosInstance;

  constructor(options: ForumClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      // axios waits forever by default; the forum's own webhook timeout is 20 s.
      timeout: options.timeoutMs ?? 15_000,
      headers: { 'Api-Key': options.apiKey, 'Api-Username': options.apiUsername, Accept: 'application/json' },
      maxRedirects: 0,
    });
  }

  private async request<T>(schema: z.ZodType<T>, config: AxiosRequestConfig & { url: string }): Promise<T> {
    const call = `${(config.method ?? 'GET').toUpperCase()} ${config.url}`;
    let data: unknown;
    try {
      data = (await this.http.request(config)).data;
    } catch (err) {
      throw toForumError(call, err);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ForumError(call, 200, `unexpected answer (${first ? `${first.path.join('.')}: ${first.message}` : 'bad shape'})`, false);
    }
    return parsed.data;
  }

  /** Every category, subcategories included (contract §6.1). */
  async listCategories(): Promise<CategoryInfo[]> {
    const site = await this.request(siteSchema, { url: '/site.json' });
    return site.categories.map((c) => ({ id: c.id, name: c.name, slug: c.slug, parentId: c.parent_category_id ?? null }));
  }
}
