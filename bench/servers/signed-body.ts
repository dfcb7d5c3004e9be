import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * What every yardstick server does first, and the same way: read the whole body, then
 * check its HMAC (constant time) against the delivery's signature header.
 */
export function readSigned(req: IncomingMessage, secret: string, then: (body: Buffer, signed: boolean) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const given = Buffer.from(String(req.headers['x-discourse-event-signature'] ?? '').replace(/^sha256=/, ''), 'hex');
    const expected = createHmac('sha256', secret).update(body).digest();
    then(body, given.length === expected.length && timingSafeEqual(given, expected));
  });
}
