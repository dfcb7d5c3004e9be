import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig, loadRulesConfig, parseStoreEnv } from '../config/index.js';
import { loadWebHookDefinition } from '../config/webhook-definition.js';
import { ForumError } from '../forum/errors.js';
import { openAppStore } from '../jobs/context.js';
import { EMBEDDED_STORE_FILE } from '../store/embedded.js';
import { createLogger } from '../log.js';
import { backfill, printBackfill } from './backfill.js';
import { CliContext, type Output } from './context.js';
import { doctor, printFindings } from './doctor.js';
import { registerWebhook } from './register-webhook.js';
import { status } from './status.js';

type Options = NonNullable<ParseArgsConfig['options']>;

type Values = { [name: string]: string | boolean | undefined };

interface Command {
  synopsis: string;
  summary: string;
  options: Options;
  /** Names of the positional arguments it takes, optional ones in brackets. */
  positionals: string[];
  run(args: { values: Values; positionals: string[] }, io: Io): Promise<number>;
}

interface Io {
  source: NodeJS.ProcessEnv;
  out: Output;
  seams: ConstructorParameters<typeof CliContext>[3];
}

const COMMANDS: Record<string, Command> = {
  'register-webhook': {
    synopsis: 'register-webhook [--url <public url>] [--force]',
    summary: "creates or updates the forum's webhook for this service (events, JSON, secret, active)",
    options: { url: { type: 'string' }, force: { type: 'boolean' } },
    positionals: [],
    run: ({ values }, io) =>
      withContext(io, 'register-webhook', async (ctx) => {
        const publicUrl = (values.url as string | undefined) ?? ctx.config.env.PUBLIC_URL ?? null;
        if (!publicUrl) {
          io.out.line(
            'register-webhook: where the forum reaches this service is not known. Fix: set PUBLIC_URL, or pass --url <public url of this service>',
          );
          return 2;
        }
        return registerWebhook(ctx, loadWebHookDefinition(), publicUrl, values.force === true);
      }),
  },
  backfill: {
    synopsis: 'backfill [--pages <n>]',
    summary: 'reads every open topic of the watched category tree from the forum and evaluates it',
    options: { pages: { type: 'string' } },
    positionals: [],
    run: async ({ values }, io) => {
      const pages = values.pages === undefined ? undefined : Number(values.pages);
      if (pages !== undefined && !(Number.isInteger(pages) && pages > 0)) {
        io.out.line(`backfill: --pages must be a whole number of pages, 1 or more. Fix: e.g. --pages 3`);
        return 2;
      }
      return withContext(io, 'backfill', async (ctx) => printBackfill(ctx, await backfill(ctx, { maxPages: pages })));
    },
  },
  status: {
    synopsis: 'status [<topicId>] [--json]',
    summary: 'prints the proposals and their checklists, read from the store (it needs only DATA_DIR or MONGODB_URI)',
    options: { json: { type: 'boolean' } },
    positionals: ['[topicId]'],
    run: async ({ values, positionals }, io) => {
      const topic = positionals[0];
      if (topic !== undefined && !/^\d+$/.test(topic)) {
        io.out.line(`status: "${topic}" is no topic id. Fix: give the number in the topic's address (/t/<slug>/<id>)`);
        return 2;
      }
      const where = parseStoreEnv(io.source);
      // Opening the embedded store makes one: a DATA_DIR that is not the service's would read as "no proposals yet".
      if (!where.MONGODB_URI && !existsSync(join(where.DATA_DIR, EMBEDDED_STORE_FILE))) {
        io.out.line(
          `status: DATA_DIR ${where.DATA_DIR} holds no store (no ${EMBEDDED_STORE_FILE}). Fix: set DATA_DIR to the directory the service runs with, or MONGODB_URI to its MongoDB`,
        );
        return 1;
      }
      let store;
      try {
        store = await openAppStore(where);
      } catch (err) {
        if (err instanceof ConfigError) throw err;
        io.out.line(`status: the store does not open: ${(err as Error).message}`);
        return 1;
      }
      try {
        // The rules file words the details and the schedules; status needs nothing of the forum.
        const rules = loadRulesConfig(where.CONFIG_FILE);
        return await status(store, io.out, topic === undefined ? null : Number(topic), values.json === true, rules);
      } finally {
        await store.close();
      }
    },
  },
  doctor: {
    synopsis: 'doctor [--url <public url>]',
    summary:
      'checks the configuration, the forum, the key, the categories, the webhook, Redis, the store and the service',
    options: { url: { type: 'string' } },
    positionals: [],
    run: ({ values }, io) =>
      withContext(io, 'doctor', async (ctx) =>
        printFindings(
          ctx,
          await doctor(
            ctx,
            loadWebHookDefinition(),
            (values.url as string | undefined) ?? ctx.config.env.PUBLIC_URL ?? null,
          ),
        ),
      ),
  },
};

const HELP = { help: { type: 'boolean', short: 'h' } } as const satisfies Options;

function usage(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.synopsis.length));
  return [
    'usage: meetup-companion <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.synopsis.padEnd(width)}  ${c.summary}`),
    '',
    '  meetup-companion <command> --help     what a command takes',
    '  meetup-companion --version            the installed version',
    '',
    "The environment is the service's (DISCOURSE_URL, DISCOURSE_API_KEY, …), also read from .env; see README.md.",
  ].join('\n');
}

/** What a command takes, for the fix of a command line it refused: "status takes [<topicId>] and --json". */
function takes(name: string, command: Command): string {
  const parts = [
    ...command.positionals.map((p) => (p.startsWith('[') ? `[<${p.slice(1, -1)}>]` : `<${p}>`)),
    ...Object.entries(command.options).map(([o, spec]) => `--${o}${spec.type === 'string' ? ' <value>' : ''}`),
  ];
  return `${name} takes ${parts.length ? parts.join(', ') : 'nothing more'} (meetup-companion ${name} --help)`;
}

/** Node's parseArgs refusal as one line naming the flag, and what the command takes instead. */
function argumentError(name: string, command: Command, err: Error & { code?: string }): string {
  const flag = /'(-[^' ]+)/.exec(err.message)?.[1];
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${name}: unknown option ${flag ?? ''}. Fix: ${takes(name, command)}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${name}: ${flag ?? 'an option'} ${command.options[(flag ?? '').replace(/^--/, '')]?.type === 'string' ? 'needs a value' : 'takes no value'}. Fix: ${takes(name, command)}`;
    default:
      return `${name}: ${err.message.split('\n')[0]}. Fix: ${takes(name, command)}`;
  }
}

function commandUsage(name: string, command: Command): string {
  return `usage: meetup-companion ${command.synopsis}\n\n${name}: ${command.summary}`;
}

/** The package's version, from its package.json, found upwards from this file (in src/ or in dist/src/). */
export function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'meetup-companion' && pkg.version) return pkg.version;
    } catch {
      // No package.json at this level: look one up.
    }
  }
  return 'unknown';
}

/** Runs one command; returns the exit code (2: the command line was wrong). `out` and `seams` let tests run it in-process. */
export async function runCli(
  argv: string[],
  source: NodeJS.ProcessEnv,
  out: Output,
  seams: Io['seams'] = {},
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    out.line(version());
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out.line(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.line(
      `unknown command "${name}". Fix: use one of ${Object.keys(COMMANDS).join(', ')} (meetup-companion --help says what each does)`,
    );
    return 2;
  }
  let args;
  try {
    args = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { ...command.options, ...HELP } });
  } catch (err) {
    out.line(argumentError(name, command, err as Error & { code?: string }));
    return 2;
  }
  if (args.values.help) {
    out.line(commandUsage(name, command));
    return 0;
  }
  if (args.positionals.length > command.positionals.length) {
    const extra = args.positionals.slice(command.positionals.length).join(' ');
    out.line(`${name}: unexpected argument "${extra}". Fix: ${takes(name, command)}`);
    return 2;
  }
  try {
    return await command.run({ values: args.values, positionals: args.positionals }, { source, out, seams });
  } catch (err) {
    // One line naming the call and the forum's reason; never a stack for a forum or config problem.
    if (err instanceof ForumError || err instanceof ConfigError) {
      out.line(`${name} failed: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

/** A command that needs the whole configuration: a bad one is one line (doctor says it as a finding). */
async function withContext(io: Io, name: string, run: (ctx: CliContext) => Promise<number>): Promise<number> {
  let config;
  try {
    config = loadConfig(io.source);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // A message that carries its own fix keeps it; the others are settings to set.
    const fixed = err.message.includes(' Fix: ')
      ? err.message
      : `${err.message}. Fix: set it in the environment or .env, as README.md shows`;
    io.out.line(name === 'doctor' ? `FAIL  ${fixed}` : err.message);
    return 1;
  }
  // Quiet unless asked: a command's own lines are its output; LOG_LEVEL turns the service's logs on.
  const logger = io.source.LOG_LEVEL ? createLogger(config.env.LOG_LEVEL, pino.destination(2)) : createLogger('silent');
  const ctx = new CliContext(config, logger, io.out, io.seams);
  try {
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}
