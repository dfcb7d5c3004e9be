import { readFileSync } from 'node:fs';
import { postStance, type InterestLexicon, type Stance } from '../../src/rules/interest.js';

export interface LabelledReply {
  language: string;
  label: Stance;
  text: string;
  line: number;
}

/** The hand-labelled replies of test/fixtures/interest/labelled.tsv. */
export function labelledReplies(file = 'test/fixtures/interest/labelled.tsv'): LabelledReply[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((row, i) => ({ row, line: i + 1 }))
    .filter(({ row }) => row.trim() !== '' && !row.startsWith('#'))
    .map(({ row, line }) => {
      const [language, label, text] = row.split('\t');
      if (!language || !text || !['interest', 'withdrawal', 'none'].includes(label ?? ''))
        throw new Error(`labelled.tsv line ${line}: expected language, label, text`);
      return { language, label: label as Stance, text: text.replace(/\\n/g, '\n'), line };
    });
}

export interface Score {
  precision: number;
  recall: number;
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
  wrong: Array<LabelledReply & { got: Stance }>;
}

/** Precision and recall of "this reply says its writer is interested". */
export function scoreInterest(replies: readonly LabelledReply[], lex: InterestLexicon): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: Score['wrong'] = [];
  for (const r of replies) {
    const got = postStance(r.text, lex);
    const said = got === 'interest';
    const truth = r.label === 'interest';
    if (said && truth) tp++;
    else if (said) fp++;
    else if (truth) fn++;
    if (said !== truth) wrong.push({ ...r, got });
  }
  return {
    precision: tp / (tp + fp || 1),
    recall: tp / (tp + fn || 1),
    truePositive: tp,
    falsePositive: fp,
    falseNegative: fn,
    wrong,
  };
}
