/**
 * npm run misread -- <field> [language]: the tuning posts (or, for `replies`, the tuning
 * replies) that the rules read otherwise than their labeller, to study as kinds. Reads the
 * tuning sets only (test/fixtures/sets.json): an evaluation set is never printed.
 * Fields: taken, region, venue, venueKind, launchDate, schedule, replies.
 */
import { generatedData } from '../src/config/generated.js';
import { loadRulesConfig } from '../src/config/rules-config.js';
import { compileRules, evaluateChecklist } from '../src/rules/checklist.js';
import { readReply } from '../src/rules/reply.js';
import { labelledSets, setPath, tuningReplies } from '../test/support/interest-set.js';
import {
  labelledProposals,
  proposalAccuracy,
  proposalThread,
  readProposalFields,
  takenAsProposal,
  type ProposalField,
} from '../test/support/proposal-set.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const [field = 'region', language] = process.argv.slice(2);

if (field === 'replies') {
  for (const r of tuningReplies().filter((x) => !language || x.language === language)) {
    const got = readReply(r.text, rules.replies);
    if ((got === 'interest') !== (r.label === 'interest'))
      console.log(`${r.file}:${r.line} [${r.language} ${r.kind}] ${r.label}, read ${got}: ${JSON.stringify(r.text)}`);
  }
} else {
  const posts = labelledSets()
    .proposals.filter((s) => s.role === 'tuning')
    .flatMap((s) => labelledProposals(setPath(s)).map((p) => ({ ...p, file: s.file })))
    .filter((p) => !language || p.language === language);
  console.log(JSON.stringify(proposalAccuracy(posts, rules)));
  for (const p of posts) {
    const where = `${p.file}:${p.line} [${p.language}${p.country ? ` ${p.country}` : ''}] now ${p.now.slice(0, 10)}`;
    if (field === 'taken') {
      if (takenAsProposal(p, rules) !== p.expect.proposal)
        console.log(
          `--- ${where} proposal ${p.expect.proposal}\n  title: ${p.title}\n  ${p.post.replace(/\n/g, '\n  ')}`,
        );
      continue;
    }
    if (!p.expect.proposal || readProposalFields(p, rules)[field as ProposalField]) continue;
    const c = evaluateChecklist(proposalThread(p), rules, {
      now: new Date(p.now),
      forumUrl: 'https://f',
      meetups: [],
      countries: p.country ? [p.country] : [],
      country: p.country,
      otherProposals: [],
      profiles: {},
    }).checklist;
    const got =
      field === 'region'
        ? c.region.value
        : field.startsWith('venue')
          ? `${c.venue.kind ?? null} (${c.venue.value ?? ''})`
          : field === 'launchDate'
            ? c.launchDate.value
            : JSON.stringify(c.schedule.reason);
    const expected =
      field === 'region'
        ? p.expect.region
        : field.startsWith('venue')
          ? p.expect.venueKind
          : field === 'launchDate'
            ? p.expect.launchDate
            : JSON.stringify(p.expect.schedule);
    console.log(
      `--- ${where} expected ${expected}, read ${got}\n  title: ${p.title}\n  ${p.post.replace(/\n/g, '\n  ')}`,
    );
  }
}
