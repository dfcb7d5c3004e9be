import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/** The 32 signature bytes of an `X-Discourse-Event-Signature` header, or null when it is malformed. */
export function parseSignatureHeader(value: string | string[] | undefined): Buffer | null {
  if (typeof value !== 'string') return null;
  const match = HEADER.exec(value.trim());
  return match ? Buffer.from(match[1]!, 'hex') : null;
}

/**
 * Discourse signs the exact body bytes with HMAC-SHA256 (docs/spec/discourse-contract.md §1.3). Comparing two
 * 32-byte buffers keeps timingSafeEqual from throwing on a length mismatch.
 */
export function signatureMatches(signature: Buffer, body: Buffer, secrets: readonly string[]): boolean {
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    // No early exit: every configured secret costs the same, match or not.
    ok = timingSafeEqual(expected, signature) || ok;
  }
  return ok;
}
