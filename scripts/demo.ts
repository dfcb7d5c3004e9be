/**
 * npm run demo: the whole flow on one machine, nothing leaving it. A stand-in forum on
 * loopback (seeded categories, users, a moderators group), the real service on its
 * embedded defaults, the real CLI registering the webhook, then a short multilingual
 * thread whose posts reach the service as signed webhooks, as they would from Discourse.
 * The thread is opened in German in the Germany category, so the service answers it in
 * German and the moderators in English; every text it writes is printed whole.
 *
 * CONFIG_FILE previews a community's own rules file: the stand-in forum's categories are
 * made from it (its watched category with Germany and France, its meetups category with one
 * meetup), and the thread speaks of the community by its name.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli/main.js';
import { parseEnv } from '../src/config/env.js';
import { loadRulesConfig, type RulesConfig } from '../src/config/rules-config.js';
import { createLogger } from '../src/log.js';
import type { Proposal } from '../src/rules/proposal.js';
import { writtenDay } from '../src/texts/dates.js';
import { STATUS_MARKER } from '../src/texts/status-post.js';
import { startService, type Service } from '../src/service.js';
import { StandInForum, type CategoryRow } from '../test/support/stand-in-forum.js';

const API_KEY = 'demo-api-key-0123456789';
const SECRET = 'demo-webhook-secret-0123';
const ADMIN_TOKEN = 'demo-admin-token-0123456789';

/** A first Friday at least four weeks ahead, as the guideline asks. */
function launchDate(now: Date): string {
  const earliest = new Date(now.getTime() + 28 * 86_400_000);
  for (let month = 0; month < 3; month++) {
    const first = new Date(Date.UTC(earliest.getUTCFullYear(), earliest.getUTCMonth() + month, 1));
    const friday = new Date(first.getTime() + ((5 - first.getUTCDay() + 7) % 7) * 86_400_000);
    if (friday >= earliest) return friday.toISOString().slice(0, 10);
  }
  throw new Error('no first Friday found');
}

/** A category's name as the rules file names it; an id or a slug names one the demo calls by it. */
function nameOf(ref: string | number, fallback: string): string {
  return typeof ref === 'string' ? ref : fallback;
}

function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The stand-in forum's categories, as the rules file expects to find them: the watched
 * category with two countries, the meetups category with one meetup named by the template,
 * and one category of something else. Ids as in the tests' forum (test/support/forum-data.ts).
 */
function categoriesFor(rules: RulesConfig): CategoryRow[] {
  const watched = nameOf(rules.forum.watchedCategory, 'Local groups');
  const meetups = nameOf(rules.forum.meetupsCategory, 'Meetups');
  const munich = rules.category.nameTemplate.replace('{region}', 'Munich');
  const row = (id: number, name: string, parent: number | null, slug = slugOf(name)): CategoryRow => ({
    id,
    name,
    slug,
    parent_category_id: parent,
  });
  const watchedId = typeof rules.forum.watchedCategory === 'number' ? rules.forum.watchedCategory : 55;
  const meetupsId = typeof rules.forum.meetupsCategory === 'number' ? rules.forum.meetupsCategory : 7;
  return [
    row(4, 'Support', null),
    row(watchedId, watched, null),
    row(61, 'Germany', watchedId),
    row(62, 'France', watchedId),
    row(meetupsId, meetups, null),
    row(90, munich, meetupsId, 'munich'),
  ];
}

/** A port nobody listens on now, so the service's public address is known before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const say = (text = '') => console.log(text);
const indent = (text: string, prefix = '    │ ') =>
  text
    .split('\n')
    .map((l) => (prefix + l).trimEnd())
    .join('\n');
/** A text the service wrote, whole, as a reader sees it: without its hidden marker. */
const shown = (raw: string) =>
  indent(
    raw
      .split('\n')
      .filter((l) => !/^<!--.*-->$/.test(l.trim()))
      .join('\n')
      .trim(),
  );

async function main(): Promise<void> {
  const started = Date.now();
  const configFile = process.env.CONFIG_FILE || 'config/default.json';
  const rules = loadRulesConfig(configFile);
  // The forum's clock is this machine's: the thread, the approval and the proposal follow one another.
  // The demo's clock runs at real speed and jumps ahead by months to show what happens after a meetup opens.
  let ahead = 0;
  const clock = () => new Date(Date.now() + ahead);
  const forum = new StandInForum({ apiKey: API_KEY, categories: categoriesFor(rules), clock: () => clock().getTime() });
  forum.addUser({ id: 4821, username: 'jana.schmidt', company: 'Acme GmbH' });
  forum.addUser({ id: 5120, username: 'lukas_b', company: 'Kreuzberg Labs' });
  forum.addUser({ id: 5301, username: 'marie.dupont' });
  forum.addUser({ id: 5302, username: 'diego.r' });
  forum.addUser({
    id: 77,
    username: 'mod_kai',
    moderator: true,
    groups: [...new Set(['moderators', 'staff', ...rules.forum.approverGroups])],
  });
  const forumUrl = await forum.start();
  const dataDir = mkdtempSync(join(tmpdir(), 'meetup-companion-demo-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const source = {
    DISCOURSE_URL: forumUrl,
    DISCOURSE_API_KEY: API_KEY,
    DISCOURSE_WEBHOOK_SECRET: SECRET,
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    CONFIG_FILE: configFile,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const env = parseEnv(source);
  const [watched, country, , meetups] = forum.categories.slice(1);
  const community = rules.community.name;
  // Each step shows its effect at once instead of after the 10 s coalescing window.
  // The overview topic is edited at most once a second here, instead of every 10 minutes.
  const demoRules = {
    ...rules,
    statusPost: { ...rules.statusPost, coalesceSeconds: 0 },
    overview: { ...rules.overview, minEditInterval: 'PT1S' },
  };
  let service: Service | null = null;
  try {
    service = await startService({
      env,
      rules: demoRules,
      role: 'all',
      logger: createLogger(env.LOG_LEVEL),
      periodic: false,
      clock,
    });
    say(
      `stand-in forum: ${forumUrl} (categories ${watched!.name} > ${country!.name}, ${meetups!.name}; moderator mod_kai)`,
    );
    say(`rules file: ${configFile} (community ${community})`);
    say(`meetup-companion: ${base} (embedded store in ${dataDir}, in-process queue; PUBLIC_URL ${base})\n`);

    const cliOut = { line: (t: string) => say(indent(t, '    ')), progress: null };
    const cliEnv = { ...source, PUBLIC_URL: base, LOG_LEVEL: '' };
    say('$ meetup-companion register-webhook --url ' + base);
    await runCli(['register-webhook', '--url', base], cliEnv, cliOut);
    say('$ meetup-companion doctor');
    await runCli(['doctor'], cliEnv, cliOut);
    say();

    const settle = async () => {
      for (let i = 0; i < 500; i++) {
        await forum.flush();
        if ((await service!.queue.depth()) === 0 && (await forum.flush(), (await service!.queue.depth()) === 0)) return;
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const proposalOf = async (topicId: number) => (await service!.store.proposals.get(String(topicId)))?.value ?? null;
    // The status post is printed whole when the proposal reaches a new state; its edits in between are counted.
    let lastStatus = '';
    let lastShownState = '';
    const step = async (who: string, text: string, act: () => unknown, topicId: () => number) => {
      say(`${who}: ${text.split('\n')[0]}${text.includes('\n') ? ' …' : ''}`);
      act();
      await settle();
      const p = await proposalOf(topicId());
      const status = forum.postsIn(topicId()).find((x) => x.raw.startsWith(STATUS_MARKER));
      say(
        `    → proposal: ${p ? p.state : 'not a proposal yet'}${p ? `; interested: ${p.interested.join(', ')}; thread language ${p.language ?? '?'}, time zone ${p.timeZone ?? '?'}` : ''}`,
      );
      if (status && status.raw !== lastStatus) {
        lastStatus = status.raw;
        if (p && p.state !== lastShownState) {
          lastShownState = p.state;
          say(`    → status post ${status.id} (version ${status.version}) now reads:`);
          say(shown(status.raw));
        } else say(`    → status post ${status.id} edited (version ${status.version})`);
      }
    };

    let checks = 0;
    /** The periodic check, as the worker runs it every lifecycle.checkEvery. */
    const check = async () => {
      await service!.queue.enqueue({ kind: 'lifecycle', key: `lifecycle:demo-${++checks}`, slot: `demo-${checks}` });
      await settle();
      // The overview's own job waits for its edit interval on the real clock; the demo's has jumped ahead.
      await new Promise((r) => setTimeout(r, 1100));
      await service!.queue.enqueue({ kind: 'overview', key: `overview:demo-${checks}` });
      await settle();
    };
    const afterTheBirth = async (opened: number) => {
      say('\n— after the birth: the clock jumps ahead —');
      const quiet = forum.createTopic(
        'marie.dupont',
        `${community} Meetup in Lyon?`,
        'Qui serait partant pour un meetup à Lyon ?',
        {
          categoryId: country!.id,
        },
      ).topicId;
      forum.reply('diego.r', quiet, 'Je viendrai !');
      await settle();
      ahead += 31 * 24 * 3600_000;
      say('31 days later, nobody has posted in the Lyon thread; the periodic check runs:');
      await check();
      const reminder = forum.postsIn(quiet).find((x) => x.raw.includes('meetup-companion:reminder'));
      if (reminder) say(`    → reminder in the Lyon thread (post ${reminder.id}):\n${shown(reminder.raw)}`);
      ahead += 91 * 24 * 3600_000;
      say('91 days later, nothing new in the meetup categories; the periodic check runs:');
      await check();
      const meetupId = (await proposalOf(opened))?.category?.id;
      const asked = [...forum.topics.values()].find((t) =>
        forum.postsIn(t.id)[0]?.raw.includes(`meetup-companion:checkin:${meetupId}:`),
      );
      if (asked) {
        say(`    → check-in private message to ${asked.allowed.join(', ')} (topic ${asked.id}):`);
        say(indent(asked.title));
        say(shown(forum.postsIn(asked.id)[0]!.raw));
        say('jana.schmidt answers: Pause — we are back after the summer');
        forum.reply('jana.schmidt', asked.id, 'Pause — we are back after the summer');
        await settle();
        const thanks = forum.postsIn(asked.id).find((x) => x.raw.includes('meetup-companion:checkin-answer'));
        if (thanks) say(`    → ${thanks.raw.split('\n').slice(1).join(' ')}`);
        const m = (await (
          await fetch(`${base}/api/meetups/${meetupId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
        ).json()) as { state: string; pausedUntil: string };
        say(`    → GET /api/meetups/${meetupId}: state ${m.state}`);
      }
      await check();
      const overview = [...forum.topics.values()].find((t) =>
        forum.postsIn(t.id)[0]?.raw.startsWith('<!-- meetup-companion:overview -->'),
      );
      if (overview) {
        say(`\nthe overview topic in ${meetups!.name} (topic ${overview.id}):`);
        say(indent(overview.title));
        say(shown(forum.postsIn(overview.id)[0]!.raw));
      }
    };

    let topicId = 0;
    const launch = launchDate(new Date());
    const title = `${community} Meetup in Berlin?`;
    const opening = `Hallo zusammen! Wer hätte Interesse an einem monatlichen ${community}-Treffen in Berlin? Ich würde es organisieren.`;
    await step(
      `jana.schmidt opens a topic in ${country!.name}`,
      `${title} / ${opening.split('! ')[1]!.split('?')[0]}?`,
      () => {
        topicId = forum.createTopic('jana.schmidt', title, opening, { categoryId: country!.id }).topicId;
      },
      () => topicId,
    );
    await step(
      'marie.dupont (French)',
      'Je suis intéressée, je viendrai !',
      () => forum.reply('marie.dupont', topicId, 'Je suis intéressée, je viendrai !'),
      () => topicId,
    );
    await step(
      'diego.r (Spanish)',
      '¡Me apunto!',
      () => forum.reply('diego.r', topicId, '¡Me apunto! Cuenta conmigo.'),
      () => topicId,
    );
    const details = `Stadt: Berlin\nOrganisatoren: ich und @lukas_b\nVeranstaltungsort: Büro der Acme GmbH, Torstraße 1 (Büro)\nErstes Treffen: ${writtenDay(launch, 'de-DE')}, 18 Uhr\nMonatlich: jeden ersten Freitag im Monat um 18 Uhr`;
    await step(
      'jana.schmidt fills in the details',
      details.replaceAll('\n', ' | '),
      () => forum.reply('jana.schmidt', topicId, details),
      () => topicId,
    );
    await step(
      'lukas_b confirms',
      'Bin dabei und organisiere gerne mit!',
      () => forum.reply('lukas_b', topicId, 'Bin dabei und organisiere gerne mit!'),
      () => topicId,
    );

    const waiting = (await proposalOf(topicId))!;
    const pm = forum.postsIn(waiting.promptTopicId ?? -1);
    if (pm[0]) {
      const pmTopic = forum.topics.get(waiting.promptTopicId!)!;
      say(
        `\nthe service asked the moderators in a private message, in the forum's language (topic ${waiting.promptTopicId}, to ${pmTopic.allowed.join(', ')}):`,
      );
      say(indent(pmTopic.title));
      say(indent(''));
      say(shown(pm[0].raw));
      say();
      await step(
        'mod_kai answers in the private message',
        'approve — welcome, Berlin!',
        () => forum.reply('mod_kai', waiting.promptTopicId!, 'approve — welcome, Berlin!'),
        () => topicId,
      );
    }

    const final = (await (
      await fetch(`${base}/api/proposals/${topicId}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    ).json()) as Proposal;
    const made = forum.categories.find((c) => c.id === final.category?.id);
    const announcement = forum.postsIn(topicId).find((x) => x.raw.includes('meetup-companion:announce'));
    if (announcement) say(`\nannouncement in the thread (post ${announcement.id}):\n${shown(announcement.raw)}`);
    const aboutTopic = [...forum.topics.values()].find((t) => t.category_id === made?.id);
    const about = aboutTopic ? forum.postsIn(aboutTopic.id)[0] : undefined;
    if (about) say(`\nthe category's About text (topic ${aboutTopic!.id}, post ${about.id}):\n${shown(about.raw)}`);
    const confirmation = forum
      .postsIn(final.promptTopicId ?? -1)
      .find((x) => x.raw.includes('meetup-companion:confirm'));
    if (confirmation)
      say(
        `\nthe confirmation to the moderators${rules.community.portal ? `, with the ${rules.community.portal.name} to-do` : ''}:\n${shown(confirmation.raw)}`,
      );
    if (final.category) {
      const ics = await fetch(`${base}/meetups/${final.category.id}.ics`);
      say(`\nGET /meetups/${final.category.id}.ics (${ics.status}, ${ics.headers.get('content-type')}):`);
      say(indent((await ics.text()).replace(/\r\n/g, '\n').trim()));
    }
    await afterTheBirth(topicId);
    say(`\nGET /api/proposals/${topicId}:`);
    say(JSON.stringify(final, null, 2));
    say('\n$ meetup-companion status');
    await runCli(['status'], cliEnv, cliOut);
    const writes = forum.writes().map((r) => `${r.method} ${r.url.split('?')[0]}`);
    say(
      `\nforum calls: ${forum.requests.length} (${writes.length} writes); webhook deliveries: ${forum.deliveries.length}, all answered ${[...new Set(forum.deliveries.map((d) => d.status))].join('/')}`,
    );
    if (!made || final.state !== 'opened') {
      say(`\nthe demo did not reach an opened meetup (state ${final.state})`);
      process.exitCode = 1;
    } else {
      say(
        `\ncreated category "${made.name}" (${final.category!.url}) under ${meetups!.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  } finally {
    await service?.close();
    await forum.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
