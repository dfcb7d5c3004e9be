import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from '../../src/config/env.js';
import { loadRulesConfig, type RulesConfig } from '../../src/config/rules-config.js';
import { startService, type Role, type Service } from '../../src/service.js';
import { FIXTURE_SECRET } from './fixtures.js';
import { captureLogs } from './logs.js';

export const TEST_API_KEY = 'test-api-key-0123456789abcdef';
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestService {
  service: Service;
  url: string;
  logs: ReturnType<typeof captureLogs>;
  close(): Promise<void>;
}

/**
 * The overview topic waits for its edit interval, so its job would keep the queue from
 * settling: off unless the test is about it (and then with an interval of seconds).
 */
function withoutOverview(rules: RulesConfig): RulesConfig {
  return {
    ...rules,
    overview: { ...rules.overview, enabled: false },
    // Recorded threads are months old: quiet-thread reminders only where a test is about them.
    lifecycle: { ...rules.lifecycle, proposalReminderAfter: 'P3650D', proposalStalledAfter: 'P3650D' },
  };
}

/** The real service on an ephemeral port, with a data dir and (for Redis) a queue prefix of its own. */
export async function startTestService(options: {
  forumUrl: string;
  redisUrl?: string;
  env?: Record<string, string>;
  role?: Role;
  dataDir?: string;
  /** Reconciliation's timer; off unless the test is about it, so forum calls stay the test's own. */
  periodic?: boolean;
  rules?: (rules: RulesConfig) => RulesConfig;
  clock?: () => Date;
}): Promise<TestService> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mc-svc-'));
  const env = parseEnv({
    DISCOURSE_URL: options.forumUrl,
    DISCOURSE_API_KEY: TEST_API_KEY,
    DISCOURSE_WEBHOOK_SECRET: FIXTURE_SECRET,
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  const logs = captureLogs('debug');
  const service = await startService({
    env,
    rules: (options.rules ?? ((r) => r))(withoutOverview(loadRulesConfig('config/default.json'))),
    clock: options.clock,
    role: options.role ?? 'all',
    logger: logs.logger,
    periodic: options.periodic ?? false,
    redis: {
      prefix: `mc-test-${process.pid}-${Math.random().toString(36).slice(2)}`,
      retry: { maxAttempts: 5, delayMs: () => 50 },
    },
  });
  return {
    service,
    url: `http://127.0.0.1:${service.port}`,
    logs,
    async close() {
      await service.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function send(
  url: string,
  delivery: { body: Buffer | string; headers: Record<string, string> },
  change: { headers?: Record<string, string | undefined>; body?: Buffer | string; path?: string } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...delivery.headers, ...change.headers })) {
    // fetch sets these itself; the forum's values would only confuse it.
    if (v !== undefined && !['content-length', 'connection', 'host'].includes(k.toLowerCase())) headers[k] = v;
  }
  const res = await fetch(`${url}${change.path ?? '/webhooks/discourse'}`, {
    method: 'POST',
    headers,
    body: change.body ?? delivery.body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function getJson(
  url: string,
  path: string,
  token: string | null = TEST_ADMIN_TOKEN,
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, json: await res.json() };
}
