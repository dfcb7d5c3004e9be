/**
 * npm run check:evaluation: whether the evaluation sets (test/fixtures/sets.json) are still
 * unseen. Lists every entry of config/ that matches evaluation rows and no hand-labelled tuning
 * row (it was added for them), and every evaluation row with a near-duplicate in the tuning
 * data (character-trigram Jaccard of 0.8 or more). Prints entries and counts, never a row.
 *
 * With --drop-from-tuning, first removes from the tuning sets every row that is a near-duplicate
 * of an evaluation row: people who write replies independently often write the same short one
 * ("Count me in!"), and the copy in the tuning data would let the model know the evaluation row.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { evaluationOnlyEntries, nearDuplicates, setTexts } from '../test/support/evaluation-check.js';
import { labelledReplies, labelledSets, setPath } from '../test/support/interest-set.js';
import { labelledProposals } from '../test/support/proposal-set.js';

if (process.argv.includes('--drop-from-tuning')) {
  const evaluation = setTexts('evaluation');
  const sets = labelledSets();
  const drop = (file: string, lines: ReadonlyMap<number, string>) => {
    const near = new Set(nearDuplicates([...lines.values()], evaluation).map((n) => n.text));
    const gone = new Set([...lines].filter(([, text]) => near.has(text)).map(([line]) => line));
    if (gone.size === 0) return;
    const kept = readFileSync(file, 'utf8')
      .split('\n')
      .filter((_, i) => !gone.has(i + 1));
    writeFileSync(file, kept.join('\n'));
    console.log(`${file}: ${gone.size} rows near an evaluation row removed`);
  };
  for (const s of sets.replies.filter((x) => x.role === 'tuning'))
    drop(setPath(s), new Map(labelledReplies(setPath(s)).map((r) => [r.line, r.text])));
  for (const s of sets.proposals.filter((x) => x.role === 'tuning'))
    drop(setPath(s), new Map(labelledProposals(setPath(s)).map((p) => [p.line, p.post])));
}

const entries = evaluationOnlyEntries();
for (const e of entries) console.log(`${e.file}: ${e.path}: ${JSON.stringify(e.entry)}`);
const near = nearDuplicates(setTexts('evaluation'), setTexts('tuning'));
console.log(
  entries.length === 0
    ? 'check:evaluation: no entry of config/ matches the evaluation sets alone'
    : `check:evaluation: ${entries.length} entries match the evaluation sets alone`,
);
console.log(
  near.length === 0
    ? 'check:evaluation: no evaluation row has a near-duplicate in the tuning data'
    : `check:evaluation: ${near.length} evaluation rows have a near-duplicate in the tuning data`,
);
process.exitCode = entries.length === 0 && near.length === 0 ? 0 : 1;
