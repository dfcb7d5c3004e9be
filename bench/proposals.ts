/**
 * npm run bench, the proposal reader: field by field on each evaluation set (nobody tuned on it),
 * against the bars; the before-tuning figures of the sets since retired; the tuning posts. Only
 * aggregates are printed.
 */
import { generatedData } from '../src/config/generated.js';
import { loadRulesConfig } from '../src/config/rules-config.js';
import { compileRules } from '../src/rules/checklist.js';
import { labelledSets, setPath } from '../test/support/interest-set.js';
import { labelledProposals, proposalAccuracy } from '../test/support/proposal-set.js';
import { proposalVerdict } from './support.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const sets = labelledSets();

console.log('proposal posts: fields read as labelled (share of proposals right; taken: proposals taken for one)');
for (const s of sets.proposals.filter((x) => x.role === 'evaluation')) {
  const a = proposalAccuracy(labelledProposals(setPath(s)), rules);
  console.log(`  ${proposalVerdict(`${s.file} (${a.count}, unseen)`, a)}`);
  console.log(
    `    venue kind exactly ${a.venueKind.toFixed(3)}; taken for a proposal ${a.taken.toFixed(3)}; other threads left alone ${a.notTaken.toFixed(3)}`,
  );
}
for (const s of sets.proposals.filter((x) => x.beforeTuning))
  console.log(`  ${s.file}, before it was tuned on: ${JSON.stringify(s.beforeTuning)}`);
{
  const tuning = sets.proposals.filter((x) => x.role === 'tuning').flatMap((s) => labelledProposals(setPath(s)));
  const a = proposalAccuracy(tuning, rules);
  console.log(
    `  tuning posts (${a.count}): region ${a.region.toFixed(3)}, venue ${a.venue.toFixed(3)}, launch ${a.launchDate.toFixed(3)}, schedule ${a.schedule.toFixed(3)}, taken ${a.taken.toFixed(3)}`,
  );
}
