/**
 * npm run bench, the rules' speed: how long a long thread takes to judge when a reply arrives
 * (and the first time, before any reply was read), and the slowest hostile post. Prints, never
 * asserts: the tests assert behaviour.
 */
import { performance } from 'node:perf_hooks';
import { generatedData } from '../src/config/generated.js';
import { loadRulesConfig } from '../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../src/rules/checklist.js';
import { readReply } from '../src/rules/reply.js';
import { labelledReplies, labelledSets, setPath } from '../test/support/interest-set.js';
import { jana, lukas, marta, sofia, thread, type Person } from '../test/support/views.js';

const config = loadRulesConfig('config/default.json');
const rules = compileRules(config, 'system', generatedData());
const facts = {
  now: new Date('2026-11-24T12:00:00Z'),
  forumUrl: 'https://forum.mautic.org',
  meetups: [],
  countries: ['Germany'],
  otherProposals: [],
  profiles: {},
};
const sets = labelledSets();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const people: Person[] = [jana, lukas, marta, sofia];
const replies = sets.replies.filter((x) => x.role === 'tuning').flatMap((s) => labelledReplies(setPath(s)));
for (const size of [50, 500, 2000]) {
  const posts: Array<[Person, string]> = [
    [jana, 'Mautic Meetup in Berlin? Region: Berlin\nOrganisers: me and @lukas_b'],
  ];
  for (let i = 1; i < size; i++)
    posts.push([
      people[i % people.length]!,
      replies[i % replies.length]!.text +
        (i % 97 === 0 ? '\nVenue: Acme office\nLaunch: 2027-03-05\nMonthly: first Friday of each month at 18:00' : ''),
    ]);
  const view = thread('Mautic Meetup in Berlin?', posts);
  const runs = size >= 2000 ? 11 : 51;
  // Judged for the first time: no reply read yet (after a restart).
  const cold: number[] = [];
  for (let i = 0; i < Math.min(runs, 11); i++) {
    rules.replies.cache.clear();
    const t0 = performance.now();
    evaluateChecklist(view, rules, facts);
    cold.push(performance.now() - t0);
  }
  // Judged again as each reply arrives: the earlier replies' readings are kept.
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    const next = thread('Mautic Meetup in Berlin?', [...posts, [lukas, `Count me in, reply ${i}!`]]);
    const t0 = performance.now();
    evaluateChecklist(next, rules, facts);
    warm.push(performance.now() - t0);
  }
  const ms = median(warm);
  const verdict = size === 500 ? `  (bar: under 5 ms: ${ms < 5 ? 'met' : 'NOT met'})` : '';
  console.log(
    `thread of ${String(size).padStart(4)} posts: judged at a new reply in ${ms.toFixed(2)} ms (median of ${runs})${verdict}; the first time, no reply read yet: ${median(cold).toFixed(1)} ms`,
  );
}

const hostile = ["count me in i'm in ", '[quote', 'a', '1:1', ' and ,', '@a ', '🙋🏽‍♀️ '].map((u) =>
  u.repeat(Math.ceil(100_000 / u.length)),
);
let worst = { ms: 0, what: '' };
for (const text of hostile) {
  rules.replies.cache.clear();
  const t0 = performance.now();
  readReply(text, rules.replies);
  evaluateChecklist(thread('Meetup', [[jana, text]]), rules, facts);
  const ms = performance.now() - t0;
  if (ms > worst.ms) worst = { ms, what: JSON.stringify(text.slice(0, 12)) };
}
console.log(`slowest 100 kB hostile post: ${worst.ms.toFixed(1)} ms (${worst.what}…)`);
