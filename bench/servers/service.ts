/**
 * The real service for the benchmarks, on the environment it is given; prints "ready" once
 * started. BENCH_ROLE runs one process of the Procfile (web, worker); both by default.
 */
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/log.js';
import { startService, type Role } from '../../src/service.js';

const config = loadConfig(process.env);
const coalesce = Number(process.env.BENCH_COALESCE_SECONDS ?? config.rules.statusPost.coalesceSeconds);
const service = await startService({
  env: config.env,
  rules: { ...config.rules, statusPost: { ...config.rules.statusPost, coalesceSeconds: coalesce } },
  role: (process.env.BENCH_ROLE ?? 'all') as Role,
  logger: createLogger(config.env.LOG_LEVEL),
  periodic: false,
  // Each benchmark run has keys of its own in Redis, removed afterwards.
  redis: process.env.BENCH_REDIS_PREFIX ? { prefix: process.env.BENCH_REDIS_PREFIX } : undefined,
});
process.stdout.write('ready\n');
const stop = () => void service.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
