import { Redis } from 'ioredis';
import type { WebHookDefinition } from '../config/webhook-definition.js';
import { resolveTree } from '../forum/categories.js';
import { ForumError } from '../forum/errors.js';
import type { CliContext } from './context.js';
import { counted } from './plural.js';
import { desiredSettings, findOurWebHook, receiverUrl, WEBHOOK_PATH, webHookDifferences } from './register-webhook.js';

export interface Finding {
  ok: boolean;
  what: string;
  /** For a problem: what to do, in one sentence. */
  fix?: string;
}

const ok = (what: string): Finding => ({ ok: true, what });
const problem = (what: string, fix: string): Finding => ({ ok: false, what, fix });

/** Why a forum call failed, as one clause a person can act on. */
function forumProblem(err: unknown, url: string): Finding {
  if (err instanceof ForumError) {
    if (err.status === null)
      return problem(
        `the forum at ${url} does not answer: ${err.reason}`,
        'check DISCOURSE_URL and that this machine can reach the forum',
      );
    if (err.status === 401 || err.status === 403) {
      return problem(
        `the forum refused the API key (${err.status})`,
        'create an admin API key for all users in Admin > API > Keys and set DISCOURSE_API_KEY and DISCOURSE_API_USERNAME',
      );
    }
    if (err.status === 404)
      return problem(
        `${url} does not look like a Discourse forum (${err.call} answered 404)`,
        "set DISCOURSE_URL to the forum's base URL, without a path",
      );
    return problem(`${err.message}`, "try again later; if it persists, check the forum's logs");
  }
  return problem(`unexpected error: ${(err as Error).message}`, 'report this with the output of doctor');
}

/**
 * doctor: every check that can be made from here, each a line; a problem says what
 * to do. Checks go on after a failure where they can, so one run shows everything.
 */
export async function doctor(
  ctx: CliContext,
  definition: WebHookDefinition,
  publicUrl: string | null,
): Promise<Finding[]> {
  const { env, rules } = ctx.config;
  // Doctor's few calls must not depend on Redis, which it checks on its own.
  ctx.useLocalBudget();
  const findings: Finding[] = [ok(`configuration read (${env.CONFIG_FILE})`)];
  if (env.DRY_RUN) findings.push(ok('DRY_RUN is on: the service reads the forum and writes nothing'));

  let forumOk = false;
  try {
    const me = await ctx.forum.currentUser();
    forumOk = true;
    if (!me.admin) {
      findings.push(
        problem(
          `the API user ${me.username} is not an admin, so it cannot create categories`,
          'set DISCOURSE_API_USERNAME to an admin such as system, with a key for all users',
        ),
      );
    } else {
      findings.push(
        ok(
          `forum answers at ${env.DISCOURSE_URL}; the key acts as admin ${me.username} (can create categories and send messages)`,
        ),
      );
    }
  } catch (err) {
    findings.push(forumProblem(err, env.DISCOURSE_URL));
  }

  if (forumOk) {
    try {
      const all = await ctx.forum.listCategories();
      // What an operator may pick from when a configured category is not found.
      const top = all
        .filter((c) => c.parentId === null)
        .map((c) => c.name)
        .join(', ');
      try {
        const tree = resolveTree(all, rules.forum);
        findings.push(
          ok(
            counted(
              'watched category "{name}" found with {count, plural, =0 {no subcategories} one {# subcategory} other {# subcategories}}',
              { name: tree.watchedRoot.name, count: tree.watched.size - 1 },
            ),
          ),
        );
        if (tree.meetupsRoot)
          findings.push(
            ok(
              counted(
                'meetups category "{name}" found with {count, plural, =0 {no meetups yet} one {# meetup} other {# meetups}}',
                { name: tree.meetupsRoot.name, count: tree.meetups.length },
              ),
            ),
          );
        else {
          findings.push(
            problem(
              `meetups category "${rules.forum.meetupsCategory}" is not on the forum`,
              `set forum.meetupsCategory in ${env.CONFIG_FILE} to one of: ${top}`,
            ),
          );
        }
      } catch (err) {
        findings.push(
          problem(
            (err as Error).message.split(';')[0]!,
            `set forum.watchedCategory in ${env.CONFIG_FILE} to one of: ${top}`,
          ),
        );
      }
      for (const group of rules.forum.approverGroups) {
        const found = await ctx.forum.findGroup(group);
        findings.push(
          found
            ? ok(`approver group "${group}" found`)
            : problem(
                `approver group "${group}" is not on the forum`,
                `set forum.approverGroups in ${env.CONFIG_FILE} to existing group names (moderators is built in)`,
              ),
        );
      }
      findings.push(await webhookFinding(ctx, definition, publicUrl));
      findings.push(await calendarPluginFinding(ctx));
    } catch (err) {
      findings.push(forumProblem(err, env.DISCOURSE_URL));
    }
  }

  findings.push(await serviceFinding(publicUrl));
  if (env.REDIS_URL) findings.push(await redisFinding(env.REDIS_URL));
  try {
    const store = await ctx.store();
    await store.ping();
    findings.push(ok(`store answers (${store.kind}${store.kind === 'embedded' ? ` in ${env.DATA_DIR}` : ''})`));
  } catch (err) {
    findings.push(
      problem(
        `the store does not open: ${(err as Error).message}`,
        env.MONGODB_URI
          ? 'check MONGODB_URI (a replica set, reachable from here, with write access)'
          : `make DATA_DIR (${env.DATA_DIR}) a writable directory`,
      ),
    );
  }
  return findings;
}

async function webhookFinding(
  ctx: CliContext,
  definition: WebHookDefinition,
  publicUrl: string | null,
): Promise<Finding> {
  const run = `run register-webhook --url ${publicUrl ?? '<public url of this service>'}`;
  let hooks;
  try {
    hooks = await ctx.forum.listWebHooks();
  } catch (err) {
    if (err instanceof ForumError && (err.status === 403 || err.status === 401)) {
      return problem(
        "the API key may not read the forum's webhooks",
        'use an unscoped admin key, or check Admin > API > Webhooks by hand',
      );
    }
    throw err;
  }
  const url = publicUrl ? receiverUrl(publicUrl) : null;
  const hook = url
    ? findOurWebHook(hooks.webHooks, url)
    : hooks.webHooks.find((h) => h.payload_url.replace(/\/+$/, '').endsWith(WEBHOOK_PATH));
  if (!hook)
    return problem(
      url ? `no webhook on the forum sends to ${url}` : `no webhook on the forum sends to a ${WEBHOOK_PATH} receiver`,
      run,
    );
  if (!hook.active)
    return problem(
      `webhook ${hook.id} (${hook.payload_url}) is inactive; the forum deactivates a hook after 404/410 answers`,
      run,
    );
  const differences = webHookDifferences(
    hook,
    desiredSettings(definition, hook.payload_url, ctx.config.env.DISCOURSE_WEBHOOK_SECRET, hooks.eventTypes).settings,
  );
  if (differences.length)
    return problem(
      `webhook ${hook.id} (${hook.payload_url}) differs from what the service needs: ${differences.join(', ')}`,
      run,
    );
  if (hook.last_delivery_status === 2) {
    return problem(
      `webhook ${hook.id}: the forum's last delivery to ${hook.payload_url} failed`,
      'check that the forum can reach that URL (Admin > API > Webhooks > Events shows the answer), then run backfill',
    );
  }
  return ok(
    `webhook ${hook.id} sends to ${hook.payload_url}${url ? '' : ' (pass --url or set PUBLIC_URL to check it is this service)'}`,
  );
}

/** Whether the service answers where the forum is told to send its webhooks. */
async function serviceFinding(publicUrl: string | null): Promise<Finding> {
  if (!publicUrl) {
    return problem(
      'PUBLIC_URL is not set, so whether the forum can reach the service is not checked',
      'set PUBLIC_URL (or pass --url) to the address the forum sends webhooks to',
    );
  }
  const url = `${publicUrl.replace(/\/+$/, '').replace(/\/webhooks\/discourse$/, '')}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.ok) return ok(`the service answers at ${url}`);
    return problem(
      `${url} answers ${res.status}, not the service's health check`,
      'check PUBLIC_URL and the proxy in front of the service',
    );
  } catch (err) {
    // fetch reports the network's reason as its cause: "fetch failed" alone says nothing.
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    return problem(
      `the service does not answer at ${url} (${cause})`,
      'start it (npm start), or check PUBLIC_URL and the proxy in front of it',
    );
  }
}

// Discourse's calendar plugin (bundled with newer forums); its events need the second setting too.
const CALENDAR_PLUGIN = 'discourse-calendar';
const EVENTS_SETTING = 'discourse_post_event_enabled';

/**
 * Whether the forum runs the calendar plugin with events, and whether texts.calendarPlugin
 * fits that: the About text's event markup is only drawn (and only accepted) where it does.
 */
async function calendarPluginFinding(ctx: CliContext): Promise<Finding> {
  const { env, rules } = ctx.config;
  const on = rules.texts.calendarPlugin;
  const switchOff = `set texts.calendarPlugin in ${env.CONFIG_FILE} to false (the calendar file GET /meetups/<category>.ics serves every forum)`;
  let plugins;
  try {
    plugins = await ctx.forum.listPlugins();
  } catch (err) {
    if (!(err instanceof ForumError) || err.status === null || err.status >= 500) throw err;
    const unknown = `the forum's plugins cannot be read (${err.call} answered ${err.status})`;
    return on
      ? problem(`${unknown}, so texts.calendarPlugin may be on for a forum without the calendar plugin`, switchOff)
      : ok(`${unknown}; texts.calendarPlugin is off, so it does not matter`);
  }
  const calendar = plugins.find((p) => p.name === CALENDAR_PLUGIN);
  if (!calendar || !calendar.enabled) {
    const state = calendar ? 'has the calendar plugin turned off' : 'does not run the calendar plugin';
    return on
      ? problem(
          `texts.calendarPlugin is on, but the forum ${state}: the About text would show its event markup as text`,
          switchOff,
        )
      : ok(`the forum ${state}; texts.calendarPlugin is off, as it should be`);
  }
  const settings = await ctx.forum.siteSettings([EVENTS_SETTING]);
  const events = settings === null ? null : settings[EVENTS_SETTING] === true || settings[EVENTS_SETTING] === 'true';
  if (events === false)
    return on
      ? problem(
          `texts.calendarPlugin is on, but the calendar plugin's events are off (${EVENTS_SETTING})`,
          `turn ${EVENTS_SETTING} on in Admin > Settings, or ${switchOff}`,
        )
      : ok(
          `the forum runs the calendar plugin without events (${EVENTS_SETTING} off); texts.calendarPlugin is off, as it should be`,
        );
  const eventsKnown =
    events === true ? 'with events' : `(whether ${EVENTS_SETTING} is on cannot be read here: check Admin > Settings)`;
  return ok(
    on
      ? `the forum runs the calendar plugin ${eventsKnown}; texts.calendarPlugin is on: each meetup's About text carries its monthly event`
      : `the forum runs the calendar plugin ${eventsKnown}; texts.calendarPlugin could be turned on, so each meetup's About text carries its monthly event`,
  );
}

async function redisFinding(url: string): Promise<Finding> {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    lazyConnect: true,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    const setting = async (name: string): Promise<string | null> =>
      ((await redis.config('GET', name).catch(() => [])) as string[])[1] ?? null;
    const policy = await setting('maxmemory-policy');
    if (policy && policy !== 'noeviction') {
      return problem(
        `Redis evicts keys (maxmemory-policy ${policy}), which can drop queued jobs`,
        'set maxmemory-policy noeviction on the Redis server',
      );
    }
    // A delivery is answered 202 once it is in Redis, and the forum never sends it again:
    // a Redis that keeps it only in memory loses it, and the thread misses a post, at its
    // next restart. Snapshots (save) lose the minutes since the last one.
    const appendOnly = await setting('appendonly');
    if (appendOnly === 'no') {
      return problem(
        'Redis keeps queued deliveries only in memory (appendonly no): a Redis restart loses deliveries the forum was already told were received',
        'set appendonly yes on the Redis server (appendfsync everysec loses at most the last second on a machine crash; always loses nothing)',
      );
    }
    if (appendOnly === null)
      return ok('Redis answers (its persistence is not visible here: make sure it keeps an append-only file)');
    return ok(
      `Redis answers and keeps an append-only file (appendfsync ${(await setting('appendfsync')) ?? 'unknown'})`,
    );
  } catch (err) {
    return problem(
      `Redis at ${new URL(url).host} does not answer (${(err as Error).message})`,
      'check REDIS_URL and that Redis runs',
    );
  } finally {
    redis.disconnect();
  }
}

export function printFindings(ctx: CliContext, findings: Finding[]): number {
  for (const f of findings) ctx.out.line(f.ok ? `ok    ${f.what}` : `FAIL  ${f.what}. Fix: ${f.fix}`);
  const failures = findings.filter((f) => !f.ok).length;
  ctx.out.line(
    failures
      ? counted('{failures, plural, one {# problem} other {# problems}} found', { failures })
      : 'everything checked is in order',
  );
  return failures ? 1 : 0;
}
