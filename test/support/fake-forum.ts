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
        json(res, 404, { errors: ['The requested URL or resource could not be found.'], error_type: 'not_found' });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
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
