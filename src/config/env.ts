import { z } from 'zod';

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://forum.example.org' })
  .transform((v) => v.replace(/\/+$/, ''));

// The forum's WebHook model validates a secret as blank or at least 12 characters
// (docs/spec/discourse-contract.md §1.3).
const MIN_SECRET_LENGTH = 12;

const webhookSecret = z
  .string({ error: "required: the webhook's secret, as set on the forum's webhook" })
  .min(
    MIN_SECRET_LENGTH,
    `the forum refuses secrets shorter than ${MIN_SECRET_LENGTH} characters; set a longer random one (openssl rand -hex 20) here and on the forum's webhook`,
  );

// "2MB" reads as no number at all: say what is wanted, in the unit wanted.
const bytesExpected = 'expected a whole number of bytes, 1024 or more. Fix: write it in bytes, e.g. 2097152 for 2 MB';

/**
 * The process environment of docs/spec/interface.md. Each message completes the sentence
 * "<VARIABLE>: …" so that a start-up failure is one readable line.
 */
const envSchema = z.object({
  DISCOURSE_URL: httpUrl,
  DISCOURSE_API_KEY: z
    .string({ error: 'required: an admin API key of the forum' })
    .min(1, 'required: an admin API key of the forum'),
  DISCOURSE_API_USERNAME: z.string().min(1).default('system'),
  DISCOURSE_WEBHOOK_SECRET: webhookSecret,
  // Lets an operator rotate the secret without dropping deliveries signed with the old one.
  DISCOURSE_WEBHOOK_SECRET_PREVIOUS: webhookSecret.optional(),
  // The service's address as the forum reaches it: register-webhook and doctor use it.
  PUBLIC_URL: httpUrl.optional(),
  PORT: z.coerce
    .number({ error: 'expected a TCP port number' })
    .int('expected a TCP port number')
    .min(0, 'expected a TCP port number')
    .max(65535, 'expected a TCP port number')
    .default(3000),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL' }).optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// connection string')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  ADMIN_TOKEN: z.string().min(16, 'expected at least 16 characters (it guards the read API)').optional(),
  DRY_RUN: booleanText.default(false),
  CONFIG_FILE: z.string().min(1).default('config/default.json'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number({ error: bytesExpected })
    .int(bytesExpected)
    .min(1024, bytesExpected)
    .default(2 * 1024 * 1024),
  // SIGTERM waits this long for the jobs in hand, then exits: what is unfinished runs again on the next worker.
  STOP_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds. Fix: set it to a whole number such as 10' })
    .int('expected a whole number of seconds. Fix: set it to a whole number such as 10')
    .min(1, 'expected 1 to 300 seconds. Fix: set it to a whole number such as 10')
    .max(300, 'expected 1 to 300 seconds. Fix: set it to a whole number such as 10')
    .default(10),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Empty strings mean "unset": platforms often export a variable with no value. */
function withoutEmpty(source: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  return parseWith(envSchema, source);
}

const storeEnvSchema = envSchema.pick({ MONGODB_URI: true, DATA_DIR: true, CONFIG_FILE: true });

/** Only where the store and the rules file are: what a command that reads the store needs, and nothing else. */
export function parseStoreEnv(source: NodeJS.ProcessEnv): z.infer<typeof storeEnvSchema> {
  return parseWith(storeEnvSchema, source);
}

function parseWith<S extends z.ZodType>(schema: S, source: NodeJS.ProcessEnv): z.infer<S> {
  const present = withoutEmpty(source);
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    const message = name in present ? issue.message : missingMessage(name);
    return `${name}: ${message}`;
  });
  throw new ConfigError(problems.join('; '));
}

function missingMessage(name: string): string {
  switch (name) {
    case 'DISCOURSE_URL':
      return 'required: the base URL of the forum, e.g. https://forum.mautic.org';
    case 'DISCOURSE_API_KEY':
      return 'required: an admin API key of the forum';
    case 'DISCOURSE_WEBHOOK_SECRET':
      return "required: the webhook's secret, as set on the forum's webhook";
    default:
      return 'required';
  }
}
