import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig } from '../config/index.js';
import { loadWebHookDefinition } from '../config/webhook-definition.js';
import { ForumError } from '../forum/errors.js';
import { createLogger } from '../log.js';
import { backfill, printBackfill } from './backfill.js';
import { CliContext, type Output } from './context.js';
import { doctor, printFindings } from './doctor.js';
import { registerWebhook } from './register-webhook.js';
import { status } from './status.js';

const USAGE = `usage: meetup-companion <command> [options]

  register-webhook --url <public url> [--force]   create or update the forum's webhook for this service
  backfill [--pages N]                            read every open topic of the watched tree and evaluate it
  status [topicId] [--json]                       proposals and their checklists
  doctor [--url <public url>]                     check configuration, forum, key, categories, webhook, Redis, store

The environment is the service's (DISCOURSE_URL, DISCOURSE_API_KEY, …); see README.md.`;

/** Runs one command; returns the exit code. `out` and `seams` let tests run it in-process. */
export async function runCli(
  argv: string[],
  source: NodeJS.ProcessEnv,
  out: Output,
  seams: ConstructorParameters<typeof CliContext>[3] = {},
): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out.line(USAGE);
    return command ? 0 : 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        json: { type: 'boolean' },
        force: { type: 'boolean' },
        pages: { type: 'string' },
      },
    });
  } catch (err) {
    out.line(`${command}: ${(err as Error).message}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(source);
  } catch (err) {
    if (err instanceof ConfigError) {
      out.line(
        command === 'doctor' ? `FAIL  ${err.message}. Fix: set it in the environment, as README.md shows` : err.message,
      );
      return 1;
    }
    throw err;
  }
  // Quiet unless asked: a command's own lines are its output; LOG_LEVEL turns the service's logs on.
  const logger = source.LOG_LEVEL ? createLogger(config.env.LOG_LEVEL, pino.destination(2)) : createLogger('silent');
  const ctx = new CliContext(config, logger, out, seams);
  const publicUrl = args.values.url ?? config.env.PUBLIC_URL ?? null;
  try {
    switch (command) {
      case 'register-webhook':
        if (!publicUrl) {
          out.line('register-webhook: --url <public url of this service> is required (or set PUBLIC_URL)');
          return 2;
        }
        return await registerWebhook(ctx, loadWebHookDefinition(), publicUrl, args.values.force ?? false);
      case 'backfill': {
        const pages = args.values.pages === undefined ? undefined : Number(args.values.pages);
        if (pages !== undefined && !(Number.isInteger(pages) && pages > 0)) {
          out.line('backfill: --pages must be a positive whole number');
          return 2;
        }
        return printBackfill(ctx, await backfill(ctx, { maxPages: pages }));
      }
      case 'status': {
        const topic = args.positionals[0];
        if (topic !== undefined && !/^\d+$/.test(topic)) {
          out.line('status: topicId must be a number');
          return 2;
        }
        return await status(ctx, topic === undefined ? null : Number(topic), args.values.json ?? false);
      }
      case 'doctor':
        return printFindings(ctx, await doctor(ctx, loadWebHookDefinition(), publicUrl));
      default:
        out.line(`unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    // One line naming the call and the forum's reason; never a stack for a forum or config problem.
    if (err instanceof ForumError || err instanceof ConfigError) {
      out.line(`${command} failed: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await ctx.close();
  }
}
