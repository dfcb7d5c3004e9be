import { loadRulesConfig } from '../../src/config/rules-config.js';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHmac } from 'node:crypto';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'discourse');
/** The secret the recorded deliveries were signed with: 11 characters, which the forum itself would refuse. */
export const RECORDED_SECRET = 'test-secret';
/** The secret of the services the tests start; recorded bodies are signed again with it, byte for byte. */
export const FIXTURE_SECRET = 'test-webhook-secret-0123';

export interface Delivery {
  name: string;
  /** Exact body bytes, as the forum sent them. */
  body: Buffer;
  headers: Record<string, string>;
}

/** A recorded delivery: the exact body and headers, signed with the tests' FIXTURE_SECRET. */
export function fixture(name: string): Delivery {
  const recorded = recordedFixture(name);
  const signature = recorded.headers['X-Discourse-Event-Signature'];
  return {
    ...recorded,
    headers: signature
      ? { ...recorded.headers, 'X-Discourse-Event-Signature': sign(recorded.body, FIXTURE_SECRET) }
      : recorded.headers,
  };
}

/** A recorded delivery exactly as the forum sent it, signed with RECORDED_SECRET. */
export function recordedFixture(name: string): Delivery {
  return {
    name,
    body: readFileSync(join(FIXTURE_DIR, `${name}.json`)),
    headers: JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.headers.json`), 'utf8')) as Record<string, string>,
  };
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.headers.json'))
    .map((f) => f.replace(/\.headers\.json$/, ''))
    .sort();
}

export function fixtureJson<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(fixture(name).body.toString('utf8')) as T;
}

/**
 * The headers the forum's emit job sends with a delivery (docs/spec/discourse-contract.md §1.2), signed with
 * `secret` when there is one: the one place tests, the stand-in forum and the benchmarks
 * build them.
 */
export function deliveryHeaders(d: {
  event: string;
  eventType: string;
  eventId: number;
  body: string | Buffer;
  secret?: string;
  instance?: string;
}): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: '*/*',
    'Content-Type': 'application/json',
    'User-Agent': 'Discourse/3.5.0',
    'X-Discourse-Instance': d.instance ?? 'https://forum.mautic.org',
    'X-Discourse-Event-Id': String(d.eventId),
    'X-Discourse-Event-Type': d.eventType,
    'X-Discourse-Event': d.event,
  };
  if (d.secret)
    headers['X-Discourse-Event-Signature'] = sign(typeof d.body === 'string' ? Buffer.from(d.body) : d.body, d.secret);
  return headers;
}

/** The approver command words of the default rules, as the receiver reads them. */
export const COMMANDS = loadRulesConfig('config/default.json').approval.commands;

/** The X-Discourse-Event-Signature value the forum sends for a body (docs/spec/discourse-contract.md §1.3). */
export function sign(body: Buffer | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
