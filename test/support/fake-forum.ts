import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SITE_JSON } from './forum-data.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Route = (req: RecordedRequest, res: ServerResponse) => boolean;

/**
 * A stand-in Discourse on loopback for end-to-end tests and the demo: it answers the
 * read calls the service makes with real response shapes and records every request.
 */
export class FakeForum {
  readonly requests: RecordedRequest[] = [];
  private server: Server | null = null;
  private readonly routes: Route[] = [];
  /** Posts the service wrote, by topic: the stand-in answers the look-ups and writes of its effects. */
  readonly written: Array<{ id: number; topic_id: number; post_number: number; username: string; raw: string }> = [];
  private nextId = 700_000;
  url = '';

  constructor(private readonly site: unknown = SITE_JSON) {}

  /** Adds a handler tried before the built-in ones; return true when it answered. */
  route(handler: Route): void {
    this.routes.unshift(handler);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(recorded);
        for (const route of this.routes) if (route(recorded, res)) return;
        if (recorded.method === 'GET' && recorded.url.split('?')[0] === '/site.json') return json(res, 200, this.site);
        if (this.posting(recorded, res)) return;
        json(res, 404, { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** GET /t/{id}.json, POST /posts.json and PUT /posts/{id}.json in Discourse's shapes (contract §6.3). */
  private posting(req: RecordedRequest, res: ServerResponse): boolean {
    const path = req.url.split('?')[0]!;
    const topic = /^\/t\/(\d+)\.json$/.exec(path);
    if (req.method === 'GET' && topic) {
      const posts = this.written.filter((p) => p.topic_id === Number(topic[1]));
      return json(res, 200, { id: Number(topic[1]), post_stream: { posts, stream: posts.map((p) => p.id) } });
    }
    if (req.method === 'POST' && path === '/posts.json') {
      const body = JSON.parse(req.body || '{}') as { topic_id?: number; raw: string };
      const topicId = body.topic_id ?? this.nextId++;
      const post = { id: this.nextId++, topic_id: topicId, post_number: this.written.filter((p) => p.topic_id === topicId).length + 1, username: 'system', raw: body.raw };
      this.written.push(post);
      return json(res, 200, { ...post, cooked: '<p></p>', post_type: 1, version: 1 });
    }
    const edit = /^\/posts\/(\d+)\.json$/.exec(path);
    if (req.method === 'PUT' && edit) {
      const post = this.written.find((p) => p.id === Number(edit[1]));
      if (!post) return false;
      post.raw = (JSON.parse(req.body) as { post: { raw: string } }).post.raw;
      return json(res, 200, { post });
    }
    return false;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

export function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
  return true;
}
