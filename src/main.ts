import { loadDotEnv } from './config/dotenv.js';
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './log.js';
import { startService, stopWithin, type Role } from './service.js';

const ROLES: readonly Role[] = ['all', 'web', 'worker'];

function fail(message: string): never {
  // One plain line, not a JSON log: this is read by a person fixing a deployment.
  process.stderr.write(`meetup-companion: cannot start: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const roleArg = process.argv[2] ?? 'all';
  if (!ROLES.includes(roleArg as Role)) fail(`unknown process "${roleArg}"; expected one of ${ROLES.join(', ')}`);
  const role = roleArg as Role;

  let config;
  try {
    loadDotEnv();
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  const logger = createLogger(config.env.LOG_LEVEL);
  let service;
  try {
    service = await startService({ env: config.env, rules: config.rules, role, logger });
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    fail(`${(err as Error).message}`);
  }

  // process.exit would drop a log write in flight; a stdout that never drains gets 2 s.
  const exitAfterLogs = (code: number) => {
    setTimeout(() => process.exit(code), 2000).unref();
    logger.flush(() => process.exit(code));
  };
  let stopping = false;
  const withinSeconds = config.env.STOP_TIMEOUT_SECONDS;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal is a person who will not wait: the work in hand runs again on the next worker.
      logger.warn({ signal }, 'stopping now, without waiting for the jobs in hand');
      exitAfterLogs(0);
      return;
    }
    stopping = true;
    logger.info({ signal, withinSeconds }, 'stopping: finishing the jobs in hand');
    stopWithin(() => service.close(), withinSeconds * 1000)
      .then((outcome) => {
        if (outcome === 'stopped') logger.info('stopped');
        else
          logger.warn(
            { withinSeconds },
            'stopped before the jobs in hand finished (STOP_TIMEOUT_SECONDS); they run again on the next worker',
          );
        exitAfterLogs(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error while stopping');
        exitAfterLogs(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
