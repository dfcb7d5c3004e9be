/**
 * npm run bench, the reply reader: on each evaluation set (nobody tuned on it: the estimate of
 * unseen accuracy), against the bars; the before-tuning figures of the sets since retired into the
 * tuning data; and the tuning sets, each read by a model trained without it. Evaluation sets are
 * measured only in aggregate: no row, right or wrong, is ever printed.
 */
import { generatedData } from '../src/config/generated.js';
import { loadRulesConfig } from '../src/config/rules-config.js';
import { compileRules } from '../src/rules/checklist.js';
import { readReply, type ReplyReader } from '../src/rules/reply.js';
import { replyModel } from '../src/rules/reply-model.js';
import { postStance } from '../src/rules/reply-rules.js';
import { fit } from '../scripts/train-reader.js';
import { labelledReplies, labelledSets, setPath, type LabelledReply } from '../test/support/interest-set.js';
import { replyVerdict } from './support.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());
const sets = labelledSets();

interface ReplyFigures {
  precision: number;
  recall: number;
  unsure: number;
  withdrawals: string;
  byLanguage: Array<{ language: string; recall: number; precision: number; count: number }>;
}

function replyFigures(rows: readonly LabelledReply[], read: (reply: LabelledReply) => string): ReplyFigures {
  const count = (subset: readonly LabelledReply[]) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let unsure = 0;
    for (const r of subset) {
      const got = read(r);
      if (got === 'unsure') unsure++;
      if (got === 'interest' && r.label === 'interest') tp++;
      else if (got === 'interest') fp++;
      else if (r.label === 'interest') fn++;
    }
    return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), unsure: unsure / (subset.length || 1) };
  };
  const withdrawals = rows.filter((r) => r.label === 'withdrawal');
  return {
    ...count(rows),
    withdrawals: `${withdrawals.filter((r) => read(r) === 'withdrawal').length}/${withdrawals.length}`,
    byLanguage: [...new Set(rows.map((r) => r.language))].map((language) => {
      const subset = rows.filter((r) => r.language === language);
      return { language, count: subset.length, ...count(subset) };
    }),
  };
}

function printReplies(name: string, f: ReplyFigures): void {
  const weakest = [...f.byLanguage].sort((a, b) => a.recall - b.recall)[0]!;
  console.log(`  ${replyVerdict(name, { ...f, weakest })}`);
  console.log(`    withdrawals read as such: ${f.withdrawals}`);
  console.log(
    `    by language (recall / precision): ${f.byLanguage.map((l) => `${l.language} ${l.recall.toFixed(2)}/${l.precision.toFixed(2)}`).join('  ')}`,
  );
}

console.log(
  'replies: is the writer coming? (precision and recall of "interested"; unsure: share of replies asked about)',
);
for (const s of sets.replies.filter((x) => x.role === 'evaluation')) {
  const rows = labelledReplies(setPath(s));
  printReplies(
    `${s.file} (${rows.length}, unseen)`,
    replyFigures(rows, (r) => readReply(r.text, rules.replies)),
  );
  const clauses = replyFigures(rows, (r) => postStance(r.text, rules.replies.lexicon.rules));
  console.log(
    `    the clause rules alone: precision ${clauses.precision.toFixed(3)}, recall ${clauses.recall.toFixed(3)}`,
  );
}
for (const s of sets.replies.filter((x) => x.beforeTuning))
  console.log(`  ${s.file}, before it was tuned on: ${JSON.stringify(s.beforeTuning)}`);

{
  // Each tuning set read by a model trained on all the others: how the reader does on text it never learnt from.
  const tuning = sets.replies.filter((x) => x.role === 'tuning').map((s) => labelledReplies(setPath(s)));
  const readings = new Map<LabelledReply, string>();
  tuning.forEach((held, i) => {
    const weights = fit(tuning.filter((_, j) => j !== i).flat(), rules.replies.lexicon);
    const reader: ReplyReader = {
      lexicon: rules.replies.lexicon,
      model: replyModel({ ...generatedData().replyModel, weights: Object.fromEntries(weights) as never }),
      cache: new Map(),
    };
    for (const r of held) readings.set(r, readReply(r.text, reader));
  });
  printReplies(
    `tuning sets, each read by a model trained without it (${readings.size})`,
    replyFigures([...readings.keys()], (r) => readings.get(r)!),
  );
}
