import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import FakeTimers from '@sinonjs/fake-timers';
import { expect } from 'chai';
import nock from 'nock';
import { runCli } from '../../src/cli/main.js';
import { SITE_CATEGORIES } from '../support/forum-data.js';
import { PrivateRedis } from '../support/redis.js';
import { StandInForum } from '../support/stand-in-forum.js';
import { berlinMeetup, COMPLETE, proposalOf, wienMeetup } from '../support/texts.js';
import { EmbeddedStore } from '../../src/store/embedded.js';
import type { Proposal } from '../../src/rules/proposal.js';

const FORUM = 'https://forum.example.test';
const SECRET = 'a-webhook-secret-of-24ch';
const API_KEY = 'cli-test-api-key-0123456789';
const PUBLIC = 'https://companion.example.org';

function captured() {
  const lines: string[] = [];
  return { lines, out: { line: (t: string) => lines.push(...t.split('\n')), progress: null } };
}

function envFor(forumUrl: string, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DISCOURSE_URL: forumUrl,
    DISCOURSE_API_KEY: API_KEY,
    DISCOURSE_WEBHOOK_SECRET: SECRET,
    DATA_DIR: dataDir,
    ...extra,
  };
}

/**
 * The forum's answer to GET /admin/api/web_hooks.json (docs/spec/discourse-contract.md §6.5),
 * event types grouped as the controller does.
 */
function hooksAnswer(webHooks: unknown[], types: Array<[number, string]> = DEFAULT_TYPES) {
  return {
    web_hooks: webHooks,
    extras: { grouped_event_types: { all: types.map(([id, name]) => ({ id, name })) } },
    total_rows_web_hooks: webHooks.length,
  };
}

const DEFAULT_TYPES: Array<[number, string]> = [
  [101, 'topic_created'],
  [103, 'topic_edited'],
  [104, 'topic_destroyed'],
  [105, 'topic_recovered'],
  [201, 'post_created'],
  [202, 'post_edited'],
  [203, 'post_destroyed'],
  [204, 'post_recovered'],
  [501, 'category_created'],
  [502, 'category_updated'],
  [503, 'category_destroyed'],
  [1501, 'post_liked'],
];

const WANTED_BODY = {
  web_hook: {
    payload_url: `${PUBLIC}/webhooks/discourse`,
    content_type: 1,
    secret: SECRET,
    wildcard_web_hook: false,
    verify_certificate: true,
    active: true,
    web_hook_event_type_ids: [101, 103, 104, 105, 201, 202, 203, 204, 501, 502, 503, 1501],
    category_ids: [],
    tag_names: [],
    group_ids: [],
  },
};

function asForumShowsIt(id: number, body: typeof WANTED_BODY.web_hook, change: Record<string, unknown> = {}) {
  const { web_hook_event_type_ids, ...rest } = body;
  return {
    id,
    ...rest,
    last_delivery_status: 3,
    web_hook_event_types: web_hook_event_type_ids.map((t) => ({
      id: t,
      name: DEFAULT_TYPES.find(([i]) => i === t)![1],
    })),
    ...change,
  };
}

describe('CLI', function () {
  this.timeout(60_000);
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'mc-cli-'));
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('register-webhook (against nock)', () => {
    beforeEach(() => nock.disableNetConnect());

    it('creates the webhook with JSON, the secret, active, the event ids and no filters', async () => {
      const list = nock(FORUM)
        .get('/admin/api/web_hooks.json')
        .matchHeader('api-key', API_KEY)
        .reply(200, hooksAnswer([]));
      let sent: unknown;
      const create = nock(FORUM)
        .post('/admin/api/web_hooks.json', (body) => ((sent = body), true))
        .reply(200, { web_hook: asForumShowsIt(7, WANTED_BODY.web_hook) });
      const { lines, out } = captured();
      expect(await runCli(['register-webhook', '--url', PUBLIC], envFor(FORUM, dataDir), out)).to.equal(0);
      expect(sent).to.deep.equal(WANTED_BODY);
      expect(list.isDone() && create.isDone()).to.equal(true);
      expect(lines).to.deep.equal([`webhook 7 created: ${PUBLIC}/webhooks/discourse (12 events, JSON, active)`]);
    });

    it('changes nothing when run again: the forum already has that webhook', async () => {
      nock(FORUM)
        .get('/admin/api/web_hooks.json')
        .reply(200, hooksAnswer([asForumShowsIt(7, WANTED_BODY.web_hook)]));
      const { lines, out } = captured();
      // nock refuses any other call, so a POST or PUT would fail the run.
      expect(
        await runCli(['register-webhook', '--url', `${PUBLIC}/webhooks/discourse/`], envFor(FORUM, dataDir), out),
      ).to.equal(0);
      expect(lines).to.deep.equal([
        `webhook 7 already up to date: ${PUBLIC}/webhooks/discourse (12 events, JSON, active)`,
      ]);
      expect(nock.pendingMocks()).to.deep.equal([]);
    });

    it('updates a webhook whose secret, events or category filter differ, in place', async () => {
      const stale = asForumShowsIt(7, WANTED_BODY.web_hook, {
        secret: 'an-older-secret-value',
        category_ids: [61],
        web_hook_event_types: [{ id: 201, name: 'post_created' }],
      });
      nock(FORUM)
        .get('/admin/api/web_hooks.json')
        .reply(200, hooksAnswer([stale]));
      let sent: unknown;
      nock(FORUM)
        .put('/admin/api/web_hooks/7.json', (body) => ((sent = body), true))
        .reply(200, { web_hook: asForumShowsIt(7, WANTED_BODY.web_hook) });
      const { lines, out } = captured();
      expect(await runCli(['register-webhook', '--url', PUBLIC], envFor(FORUM, dataDir), out)).to.equal(0);
      expect(sent).to.deep.equal(WANTED_BODY);
      expect(lines[0]).to.equal(
        `webhook 7 updated (secret, events, filters): ${PUBLIC}/webhooks/discourse (12 events, JSON, active)`,
      );
    });

    it("takes event ids from the forum's own list by name, and says which events the forum lacks", async () => {
      const types = DEFAULT_TYPES.filter(([, n]) => n !== 'category_destroyed').map(([id, n]): [number, string] =>
        n === 'post_liked' ? [1502, n] : [id, n],
      );
      nock(FORUM).get('/admin/api/web_hooks.json').reply(200, hooksAnswer([], types));
      let sent: any;
      nock(FORUM)
        .post('/admin/api/web_hooks.json', (body) => ((sent = body), true))
        .reply(200, { web_hook: asForumShowsIt(9, WANTED_BODY.web_hook) });
      const { lines, out } = captured();
      expect(await runCli(['register-webhook', '--url', PUBLIC], envFor(FORUM, dataDir), out)).to.equal(0);
      expect(sent.web_hook.web_hook_event_type_ids).to.deep.equal([
        101, 103, 104, 105, 201, 202, 203, 204, 501, 502, 1502,
      ]);
      expect(lines[0]).to.equal(
        'note: this forum has no event types named category_destroyed; the webhook is registered without them',
      );
    });

    it('refuses a secret the forum would refuse, before any call', async () => {
      const { lines, out } = captured();
      expect(
        await runCli(
          ['register-webhook', '--url', PUBLIC],
          { ...envFor(FORUM, dataDir), DISCOURSE_WEBHOOK_SECRET: 'test-secret' },
          out,
        ),
      ).to.equal(1);
      expect(lines).to.deep.equal([
        "DISCOURSE_WEBHOOK_SECRET: the forum refuses secrets shorter than 12 characters; set a longer random one (openssl rand -hex 20) here and on the forum's webhook",
      ]);
    });

    it('says which call failed and why when the forum refuses the key', async () => {
      nock(FORUM)
        .get('/admin/api/web_hooks.json')
        .reply(403, {
          errors: ['You are not permitted to view the requested resource.'],
          error_type: 'invalid_access',
        });
      const { lines, out } = captured();
      expect(await runCli(['register-webhook', '--url', PUBLIC], envFor(FORUM, dataDir), out)).to.equal(1);
      expect(lines).to.deep.equal([
        'register-webhook failed: GET /admin/api/web_hooks.json failed: 403 invalid_access: You are not permitted to view the requested resource.',
      ]);
    });
  });

  describe('backfill (stand-in forum over loopback)', () => {
    let forum: StandInForum;
    beforeEach(async () => {
      forum = new StandInForum({ apiKey: API_KEY });
      forum.perPage = 5;
      for (const [id, username] of [
        [4821, 'jana.schmidt'],
        [5120, 'lukas_b'],
        [5301, 'marta'],
      ] as const)
        forum.addUser({ id, username });
      await forum.start();
    });
    afterEach(() => forum.stop());

    it('reads three pages, evaluates each open topic once, and never exceeds the budget in any minute', async () => {
      // 12 open topics in the watched tree (3 pages of 5), one closed, one elsewhere.
      const open: number[] = [];
      for (let i = 0; i < 12; i++) {
        const meetup = i % 3 === 0;
        const { topicId } = forum.createTopic(
          'jana.schmidt',
          meetup ? `Mautic Meetup in Town ${i}?` : `Question about Mautic ${i}`,
          meetup ? `Anyone up for a Mautic meetup in Town ${i}?` : 'How do I set up segments?',
          { categoryId: i % 2 ? 61 : 62 },
        );
        if (meetup) forum.reply('marta', topicId, 'Count me in!');
        open.push(topicId);
      }
      const closed = forum.createTopic('lukas_b', 'Mautic Meetup in Closedtown?', 'An old meetup idea.', {
        categoryId: 61,
      }).topicId;
      forum.close(closed);
      const elsewhere = forum.createTopic('lukas_b', 'Support question', 'Help with a campaign', {
        categoryId: 4,
      }).topicId;

      const config = join(dataDir, 'rules.json');
      writeFileSync(
        config,
        JSON.stringify({ extends: join(process.cwd(), 'config', 'default.json'), forum: { requestsPerMinute: 6 } }),
      );
      // Only Date is faked: when the budget waits, the clock jumps by the wait; everything else runs in real time.
      const clock = FakeTimers.install({ toFake: ['Date'], now: Date.parse('2026-12-01T10:00:00Z') });
      const { lines, out } = captured();
      let code: number;
      try {
        code = await runCli(['backfill'], envFor(forum.url, dataDir, { CONFIG_FILE: config }), out, {
          budgetSleep: async (ms) => void clock.tick(ms),
        });
      } finally {
        clock.uninstall();
      }
      expect(code).to.equal(0);
      const reads = forum.requests
        .filter((r) => /^\/t\/\d+\.json/.test(r.url))
        .map((r) => Number(/^\/t\/(\d+)/.exec(r.url)![1]));
      expect(
        [...reads].sort((a, b) => a - b),
        'each open watched topic read once',
      ).to.deep.equal([...open].sort((a, b) => a - b));
      expect(reads).not.to.include(closed).and.not.to.include(elsewhere);
      expect(forum.requests.filter((r) => r.url.startsWith('/c/')).map((r) => r.url)).to.deep.equal([
        '/c/international-by-country/55.json?page=0',
        '/c/international-by-country/55.json?page=1',
        '/c/international-by-country/55.json?page=2',
      ]);
      expect(forum.maxCallsPerMinute(), 'calls in the busiest minute').to.be.at.most(6);
      expect(forum.requests.length).to.equal(1 + 3 + 12);
      expect(lines[0]).to.equal('backfill: 12 open topics on 3 pages; 12 evaluated; proposals: 4 gathering');
      expect(lines[1]).to.match(/^forum calls: 16 in \d+\.\d s \(budget 6\/min\)$/);

      // The store now holds the four proposals; status shows them.
      const status = captured();
      expect(await runCli(['status'], envFor(forum.url, dataDir, { CONFIG_FILE: config }), status.out)).to.equal(0);
      expect(status.lines[0]).to.match(
        /^topic\s+state\s+interest\s+region\s+organisers\s+venue\s+launch\s+schedule\s+title$/,
      );
      expect(
        status.lines.filter((l) => /^\d+\s+gathering\s+ok\s+ok\s+-\s+-\s+-\s+-\s+Mautic Meetup in Town \d+\?$/.test(l)),
      ).to.have.length(4);
      expect(status.lines.at(-1)).to.equal(
        '4 proposals; ok = met, warn = met with a warning, - = missing, BLOCK = blocked',
      );
      const one = captured();
      expect(
        await runCli(
          ['status', String(open[0]), '--json'],
          envFor(forum.url, dataDir, { CONFIG_FILE: config }),
          one.out,
        ),
      ).to.equal(0);
      expect(JSON.parse(one.lines.join('\n'))).to.deep.include({
        topicId: open[0],
        state: 'gathering',
        interested: ['jana.schmidt', 'marta'],
      });
    });
  });

  describe('status of one proposal', () => {
    it('says its launch and schedule in words, in the meetup’s zone, and no recurrence rule', async () => {
      const store = new EmbeddedStore<unknown, Proposal, unknown>(dataDir);
      const proposal = { ...proposalOf(COMPLETE, 'awaiting_approval'), timeZone: 'Europe/Berlin' };
      await store.proposals.put(String(proposal.topicId), proposal, null);
      await store.close();
      const { lines, out } = captured();
      expect(await runCli(['status', String(proposal.topicId)], { DATA_DIR: dataDir }, out)).to.equal(0);
      expect(lines.join('\n')).not.to.include('FREQ=');
      expect(lines.find((l) => l.trimStart().startsWith('launchDate'))).to.match(
        /^ {2}launchDate warning Friday, 5 March 2027: /,
      );
      expect(lines.find((l) => l.trimStart().startsWith('schedule'))).to.match(
        /^ {2}schedule {3}met {5}first Friday of each month, 18:00 \(Central European Time\); next: Fri, 5 Mar 2027, 18:00 CET · Fri, 2 Apr 2027, 18:00 CEST · Fri, 7 May 2027, 18:00 CEST: /,
      );
    });
  });

  describe('status of the meetups', () => {
    it('lists each meetup with its state, last activity and check-ins, after the proposals, and in --json', async () => {
      const store = new EmbeddedStore<unknown, Proposal, unknown>(dataDir);
      const berlin = {
        ...berlinMeetup('de'),
        state: 'paused' as const,
        pausedUntil: '2027-08-07T10:00:00.000Z',
        checkins: 1,
      };
      const wien = wienMeetup({ state: 'dormant', lastActivityAt: null, checkins: 2 });
      const gone = wienMeetup({ categoryId: 58, name: 'Mautic Meetup Graz', gone: true });
      for (const m of [berlin, wien, gone]) await store.meetups.put(String(m.categoryId), m, null);
      await store.close();
      const { lines, out } = captured();
      expect(await runCli(['status'], { DATA_DIR: dataDir }, out)).to.equal(0);
      expect(lines).to.deep.equal([
        'no proposals yet; run backfill after installing, or wait for the forum to send a thread',
        '',
        'category  state                    last activity  check-ins  name',
        `${String(berlin.categoryId).padEnd(8)}  paused until 2027-08-07  2026-10-22     1          ${berlin.name}`,
        '57        dormant                  none seen      2          Mautic Meetup Wien',
        '2 meetups',
      ]);
      const json = captured();
      expect(await runCli(['status', '--json'], { DATA_DIR: dataDir }, json.out)).to.equal(0);
      const shown = JSON.parse(json.lines.join('\n')) as {
        proposals: unknown[];
        meetups: Array<{ categoryId: number; state: string }>;
      };
      expect(shown.proposals).to.deep.equal([]);
      expect(shown.meetups.map((m) => [m.categoryId, m.state])).to.deep.equal([
        [berlin.categoryId, 'paused'],
        [57, 'dormant'],
      ]);
    });
  });

  describe('doctor', () => {
    const site = { categories: SITE_CATEGORIES, post_types: { regular: 1 } };
    const admin = { current_user: { id: -1, username: 'system', admin: true, moderator: true } };
    const goodHook = asForumShowsIt(7, WANTED_BODY.web_hook);

    /** A forum where everything is right, with one thing changed by `breakIt`. */
    function forumWith(
      breakIt: Partial<
        Record<'session' | 'site' | 'group' | 'hooks' | 'plugins' | 'service', [number, unknown] | 'down'>
      > = {},
    ) {
      nock.disableNetConnect();
      const answer = (path: string, name: keyof typeof breakIt, ok: [number, unknown]) => {
        const wanted = breakIt[name] ?? ok;
        const i = nock(FORUM).get(path);
        if (wanted === 'down') i.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
        else i.reply(wanted[0], wanted[1] as nock.Body);
      };
      answer('/session/current.json', 'session', [200, admin]);
      answer('/site.json', 'site', [200, site]);
      answer('/groups/moderators.json', 'group', [200, { group: { id: 2, name: 'moderators' } }]);
      answer('/admin/api/web_hooks.json', 'hooks', [200, hooksAnswer([goodHook])]);
      answer('/admin/plugins.json', 'plugins', [200, { plugins: [] }]);
      const service = breakIt.service ?? [200, { status: 'ok' }];
      const health = nock(PUBLIC).get('/healthz');
      if (service === 'down') health.replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
      else health.reply(service[0], service[1] as nock.Body);
    }

    /** The calendar plugin as Admin > Plugins lists it, and its events setting (null: a forum without the settings route). */
    function calendarPlugin(enabled: boolean, events: boolean | null) {
      const plugins = [
        { id: 'discourse-calendar', name: 'discourse-calendar', enabled, enabled_setting: 'calendar_enabled' },
        { id: 'discourse-solved', name: 'discourse-solved', enabled: true },
      ];
      const settings = nock(FORUM).get('/admin/config/site_settings.json').query(true);
      if (events === null) settings.reply(404, { errors: ['not found'], error_type: 'not_found' });
      else settings.reply(200, { site_settings: [{ setting: 'discourse_post_event_enabled', value: events }] });
      return [200, { plugins }] as [number, unknown];
    }

    /** A rules file that turns texts.calendarPlugin on. */
    function pluginSwitchOn(): Record<string, string> {
      const file = join(dataDir, 'calendar-plugin.json');
      writeFileSync(
        file,
        JSON.stringify({ extends: join(process.cwd(), 'config/default.json'), texts: { calendarPlugin: true } }),
      );
      return { CONFIG_FILE: file };
    }

    async function doctorSays(
      env: Record<string, string> = {},
    ): Promise<{ code: number; fails: string[]; lines: string[] }> {
      const { lines, out } = captured();
      const code = await runCli(['doctor', '--url', PUBLIC], { ...envFor(FORUM, dataDir), ...env }, out, {
        forumRetry: { retries: 0 },
      });
      return { code, lines, fails: lines.filter((l) => l.startsWith('FAIL')) };
    }

    // Redis servers of the tests' own: the shared one's persistence is the machine's business.
    let volatileRedis: PrivateRedis;
    let durableRedis: PrivateRedis;
    let redisDir: string;
    before(async () => {
      redisDir = mkdtempSync(join(tmpdir(), 'mc-doctor-redis-'));
      [volatileRedis, durableRedis] = await Promise.all([PrivateRedis.start(), PrivateRedis.start({ dir: redisDir })]);
    });
    after(async () => {
      await Promise.all([volatileRedis?.stop(), durableRedis?.stop()]);
      rmSync(redisDir, { recursive: true, force: true });
    });

    it('finds a Redis that keeps an append-only file in order', async () => {
      forumWith();
      const { code, lines } = await doctorSays({ REDIS_URL: durableRedis.url });
      expect(code, lines.join('\n')).to.equal(0);
      expect(lines).to.include('ok    Redis answers and keeps an append-only file (appendfsync always)');
    });

    it('says everything is in order on a forum set up right', async () => {
      forumWith();
      const { code, lines } = await doctorSays();
      expect(code).to.equal(0);
      expect(lines.filter((l) => l.startsWith('ok'))).to.have.length(9);
      expect(lines).to.include(`ok    the service answers at ${PUBLIC}/healthz`);
      expect(lines).to.include(`ok    webhook 7 sends to ${PUBLIC}/webhooks/discourse`);
      // Counts said through the message format: one meetup, two subcategories.
      expect(lines).to.include('ok    watched category "International - By Country" found with 2 subcategories');
      expect(lines).to.include('ok    meetups category "Mautic Meetups" found with 1 meetup');
      expect(lines).to.include(
        'ok    the forum does not run the calendar plugin; texts.calendarPlugin is off, as it should be',
      );
      expect(lines.at(-1)).to.equal('everything checked is in order');
    });

    it('finds the calendar plugin with its events, and says the switch would fit', async () => {
      forumWith({ plugins: calendarPlugin(true, true) });
      const { code, lines } = await doctorSays();
      expect(code, lines.join('\n')).to.equal(0);
      expect(lines).to.include(
        "ok    the forum runs the calendar plugin with events; texts.calendarPlugin could be turned on, so each meetup's About text carries its monthly event",
      );
    });

    it('takes the switch on where the plugin runs, and says so where its events cannot be read', async () => {
      forumWith({ plugins: calendarPlugin(true, null) });
      const { code, lines } = await doctorSays(pluginSwitchOn());
      expect(code, lines.join('\n')).to.equal(0);
      expect(lines.find((l) => l.includes('calendar plugin'))).to.match(
        /^ok {4}the forum runs the calendar plugin \(whether discourse_post_event_enabled is on cannot be read here: check Admin > Settings\); texts\.calendarPlugin is on/,
      );
    });

    const broken: Array<{ name: string; setup: () => Record<string, string> | void; fail: RegExp; also?: RegExp }> = [
      {
        name: 'a missing environment variable',
        setup: () => ({ DISCOURSE_API_KEY: '' }),
        fail: /^FAIL {2}DISCOURSE_API_KEY: required: an admin API key of the forum\. Fix: set it in the environment/,
      },
      {
        name: 'a forum that does not answer',
        setup: () => forumWith({ session: 'down' }),
        fail: /^FAIL {2}the forum at https:\/\/forum\.example\.test does not answer: .+\. Fix: check DISCOURSE_URL/,
      },
      {
        name: 'a refused API key',
        setup: () => forumWith({ session: [403, { errors: ['invalid'], error_type: 'invalid_access' }] }),
        fail: /^FAIL {2}the forum refused the API key \(403\)\. Fix: create an admin API key/,
      },
      {
        name: 'an API user who is not an admin',
        setup: () =>
          forumWith({ session: [200, { current_user: { id: 9, username: 'helper', admin: false, moderator: true } }] }),
        fail: /^FAIL {2}the API user helper is not an admin, so it cannot create categories\. Fix: set DISCOURSE_API_USERNAME/,
      },
      {
        name: 'a watched category that is not on the forum',
        setup: () =>
          forumWith({
            site: [200, { categories: SITE_CATEGORIES.filter((c) => c.id !== 55 && c.parent_category_id !== 55) }],
          }),
        fail: /^FAIL {2}watched category "International - By Country" is not on the forum\. Fix: set forum\.watchedCategory in config\/default\.json to one of: Support, Mautic Meetups$/,
      },
      {
        name: 'a meetups category that is not on the forum',
        setup: () =>
          forumWith({
            site: [200, { categories: SITE_CATEGORIES.filter((c) => c.id !== 7 && c.parent_category_id !== 7) }],
          }),
        fail: /^FAIL {2}meetups category "Mautic Meetups" is not on the forum\. Fix: set forum\.meetupsCategory/,
      },
      {
        name: 'an approver group that is not on the forum',
        setup: () => forumWith({ group: [404, { errors: ['not found'], error_type: 'not_found' }] }),
        fail: /^FAIL {2}approver group "moderators" is not on the forum\. Fix: set forum\.approverGroups/,
      },
      {
        name: 'no webhook for this service',
        setup: () => forumWith({ hooks: [200, hooksAnswer([])] }),
        fail: /^FAIL {2}no webhook on the forum sends to https:\/\/companion\.example\.org\/webhooks\/discourse\. Fix: run register-webhook --url https:\/\/companion\.example\.org$/,
      },
      {
        name: 'an inactive webhook',
        setup: () => forumWith({ hooks: [200, hooksAnswer([{ ...goodHook, active: false }])] }),
        fail: /^FAIL {2}webhook 7 .* is inactive.*\. Fix: run register-webhook/,
      },
      {
        name: 'a webhook with another secret',
        setup: () => forumWith({ hooks: [200, hooksAnswer([{ ...goodHook, secret: 'not-the-secret-we-have' }])] }),
        fail: /^FAIL {2}webhook 7 .* differs from what the service needs: secret\. Fix: run register-webhook/,
      },
      {
        name: 'a webhook whose last delivery failed',
        setup: () => forumWith({ hooks: [200, hooksAnswer([{ ...goodHook, last_delivery_status: 2 }])] }),
        fail: /^FAIL {2}webhook 7: the forum's last delivery to .* failed\. Fix: check that the forum can reach that URL/,
      },
      {
        name: 'the calendar plugin switched on for a forum without it',
        setup: () => (forumWith(), pluginSwitchOn()),
        fail: /^FAIL {2}texts\.calendarPlugin is on, but the forum does not run the calendar plugin: the About text would show its event markup as text\. Fix: set texts\.calendarPlugin in .*calendar-plugin\.json to false/,
      },
      {
        name: 'the calendar plugin switched on while its events are off',
        setup: () => (forumWith({ plugins: calendarPlugin(true, false) }), pluginSwitchOn()),
        fail: /^FAIL {2}texts\.calendarPlugin is on, but the calendar plugin's events are off \(discourse_post_event_enabled\)\. Fix: turn discourse_post_event_enabled on in Admin > Settings, or set texts\.calendarPlugin/,
      },
      {
        name: 'a secret the forum would refuse',
        setup: () => (forumWith(), { DISCOURSE_WEBHOOK_SECRET: 'short' }),
        fail: /^FAIL {2}DISCOURSE_WEBHOOK_SECRET: the forum refuses secrets shorter than 12 characters; set a longer random one/,
      },
      {
        name: 'a service that does not answer at PUBLIC_URL',
        setup: () => forumWith({ service: 'down' }),
        fail: /^FAIL {2}the service does not answer at https:\/\/companion\.example\.org\/healthz \(.*ECONNREFUSED\)\. Fix: start it/,
      },
      {
        name: 'something else answering at PUBLIC_URL',
        setup: () => forumWith({ service: [404, 'Not Found'] }),
        fail: /^FAIL {2}https:\/\/companion\.example\.org\/healthz answers 404, not the service's health check/,
      },
      {
        name: 'Redis that keeps deliveries only in memory',
        setup: () => (forumWith(), { REDIS_URL: volatileRedis.url }),
        fail: /^FAIL {2}Redis keeps queued deliveries only in memory \(appendonly no\): a Redis restart loses deliveries the forum was already told were received\. Fix: set appendonly yes on the Redis server/,
      },
      {
        name: 'Redis that does not answer',
        setup: () => (forumWith(), { REDIS_URL: 'redis://127.0.0.1:1' }),
        fail: /^FAIL {2}Redis at 127\.0\.0\.1:1 does not answer \(.+\)\. Fix: check REDIS_URL and that Redis runs$/,
      },
      {
        name: 'a data directory that cannot be written',
        setup: () => {
          forumWith();
          const file = join(dataDir, 'not-a-dir');
          writeFileSync(file, 'x');
          return { DATA_DIR: file };
        },
        fail: /^FAIL {2}the store does not open: .*\. Fix: make DATA_DIR \(.*not-a-dir\) a writable directory$/,
      },
    ];
    for (const b of broken) {
      it(`reports ${b.name} in one line with its fix`, async () => {
        const env = b.setup() ?? {};
        const { code, fails, lines } = await doctorSays(env);
        expect(code).to.equal(1);
        expect(fails, lines.join('\n')).to.have.length(b.also ? 2 : 1);
        expect(fails[0]).to.match(b.fail);
        if (b.also) expect(fails[1]).to.match(b.also);
      });
    }
  });

  describe('the command itself', () => {
    function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string }> {
      return new Promise((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
          env: { PATH: process.env.PATH ?? '', ...env },
        });
        let stdout = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    }

    it('prints its usage and exits 2 without a command', async () => {
      const r = await run([], {});
      expect(r.code).to.equal(2);
      expect(r.stdout).to.match(/^usage: meetup-companion <command>/);
    });

    it('prints the status of an empty store the service made, needing nothing but where the store is', async () => {
      await new EmbeddedStore(dataDir).close();
      const r = await run(['status'], { DATA_DIR: dataDir });
      expect(r.code).to.equal(0);
      expect(r.stdout).to.equal(
        'no proposals yet; run backfill after installing, or wait for the forum to send a thread\n',
      );
    });

    it('refuses a DATA_DIR that holds no store in one line, instead of making an empty one', async () => {
      const wrong = join(dataDir, 'not-the-services');
      const r = await run(['status'], { DATA_DIR: wrong });
      expect(r).to.deep.equal({
        code: 1,
        stdout: `status: DATA_DIR ${wrong} holds no store (no meetup-companion.lmdb). Fix: set DATA_DIR to the directory the service runs with, or MONGODB_URI to its MongoDB\n`,
      });
      expect(existsSync(wrong), 'nothing made there').to.equal(false);
    });

    it('prints its version', async () => {
      const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
      expect(await run(['--version'], {})).to.deep.equal({ code: 0, stdout: `${version}\n` });
    });
  });

  describe('the command line', () => {
    const none = { line: () => undefined, progress: null };
    async function cli(args: string[]): Promise<{ code: number; text: string }> {
      const lines: string[] = [];
      const code = await runCli(args, { DATA_DIR: dataDir }, { ...none, line: (l) => lines.push(l) });
      return { code, text: lines.join('\n') };
    }

    for (const command of ['register-webhook', 'backfill', 'status', 'doctor']) {
      it(`prints the usage of ${command} for --help, and refuses an option it does not take with its usage and 2`, async () => {
        const help = await cli([command, '--help']);
        expect(help.code).to.equal(0);
        expect(help.text).to.match(new RegExp(`^usage: meetup-companion ${command}`));
        const wrong = await cli([command, '--colour', 'blue']);
        expect(wrong.code).to.equal(2);
        expect(wrong.text).to.match(
          new RegExp(
            `^${command}: unknown option --colour\\. Fix: ${command} takes .* \\(meetup-companion ${command} --help\\)$`,
          ),
        );
      });
    }

    it('refuses a misspelt flag in one line naming it, with what the command takes', async () => {
      expect(await cli(['status', '--jsno'])).to.deep.equal({
        code: 2,
        text: 'status: unknown option --jsno. Fix: status takes [<topicId>], --json (meetup-companion status --help)',
      });
      expect(await cli(['register-webhook', '--url'])).to.deep.equal({
        code: 2,
        text: 'register-webhook: --url needs a value. Fix: register-webhook takes --url <value>, --force (meetup-companion register-webhook --help)',
      });
    });

    it('refuses arguments a command does not take in one line, with its fix, and 2', async () => {
      expect(await cli(['doctor', 'now'])).to.deep.equal({
        code: 2,
        text: 'doctor: unexpected argument "now". Fix: doctor takes --url <value> (meetup-companion doctor --help)',
      });
      expect((await cli(['status', '12', '13'])).text).to.match(/^status: unexpected argument "13"\. Fix: /);
      expect(await cli(['status', 'abc'])).to.deep.equal({
        code: 2,
        text: 'status: "abc" is no topic id. Fix: give the number in the topic\'s address (/t/<slug>/<id>)',
      });
      expect(await cli(['backfill', '--pages', 'many'])).to.deep.equal({
        code: 2,
        text: 'backfill: --pages must be a whole number of pages, 1 or more. Fix: e.g. --pages 3',
      });
    });

    it('names an unknown command and lists the known ones, in one line', async () => {
      const r = await cli(['deploy']);
      expect(r.code).to.equal(2);
      expect(r.text).to.equal(
        'unknown command "deploy". Fix: use one of register-webhook, backfill, status, doctor (meetup-companion --help says what each does)',
      );
    });
  });
});
