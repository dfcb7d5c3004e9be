/**
 * The yardstick of the ingest benchmark: a bare node:http server that only verifies the
 * delivery's HMAC (constant time) and answers 202, storing nothing.
 */
import { createServer } from 'node:http';
import { readSigned } from './signed-body.js';

const secret = process.env.DISCOURSE_WEBHOOK_SECRET ?? '';
const port = Number(process.env.PORT ?? 0);

createServer((req, res) =>
  readSigned(req, secret, (_body, ok) => {
    res.writeHead(ok ? 202 : 401, { 'content-type': 'application/json' });
    res.end(ok ? '{"status":"accepted"}' : '{"error":"bad signature"}');
  }),
).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => process.exit(0));
