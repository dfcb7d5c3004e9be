import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'discourse');
export const FIXTURE_SECRET = 'test-secret';

export interface Delivery {
  name: string;
  /** Exact body bytes, as the forum sent them. */
  body: Buffer;
  headers: Record<string, string>;
}

/** A recorded delivery: the exact body and the exact headers (signed with `test-secret`). */
export function fixture(name: string): Delivery {
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
