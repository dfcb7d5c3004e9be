import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { postStance, type InterestLexicon, type Stance } from '../../src/rules/reply-rules.js';

export interface LabelledReply {
  language: string;
  label: Stance;
  /** The kind of reply it was written to show (people-*.tsv, fresh-*.tsv); empty in the older sets. */
  kind: string;
  text: string;
  /** Where it stands: its file and line. */
  file: string;
  line: number;
}

const LABELS = ['interest', 'withdrawal', 'none'];

/**
 * Hand-labelled replies, one a line: `language<TAB>label<TAB>reply`, or with the kind of reply
 * between label and reply. `\n` in a reply is a line break; lines starting with # are comments.
 */
export function labelledReplies(file = 'test/fixtures/interest/labelled.tsv'): LabelledReply[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((row, i) => ({ row, line: i + 1 }))
    .filter(({ row }) => row.trim() !== '' && !row.startsWith('#'))
    .map(({ row, line }) => {
      const cells = row.split('\t');
      const [language, label] = cells;
      const kind = cells.length === 4 ? cells[2]! : '';
      const text = cells.length === 4 ? cells[3] : cells[2];
      if (!language || !text || !LABELS.includes(label ?? '') || cells.length > 4)
        throw new Error(`${file} line ${line}: expected language, label, [kind,] reply`);
      return { language, label: label as Stance, kind, text: text.replace(/\\n/g, '\n'), file, line };
    });
}

const SETS_FILE = 'test/fixtures/sets.json';

const setEntry = z.object({
  file: z.string(),
  role: z.enum(['tuning', 'evaluation']),
  origin: z.string(),
  /** The commit that added an evaluation set: what config/ held then was not made for it. */
  addedIn: z.string().optional(),
  beforeTuning: z.record(z.string(), z.unknown()).optional(),
});
const setsFile = z.object({ about: z.string(), replies: z.array(setEntry), proposals: z.array(setEntry) });

export type SetEntry = z.infer<typeof setEntry>;

/** Every labelled set and what it is for (test/fixtures/sets.json). */
export function labelledSets(): z.infer<typeof setsFile> {
  return setsFile.parse(JSON.parse(readFileSync(SETS_FILE, 'utf8')));
}

/** The path of a set named in test/fixtures/sets.json. */
export const setPath = (entry: SetEntry) => `test/fixtures/${entry.file}`;

/** The reply sets of a role, each with its rows. */
export function replySets(role: SetEntry['role']): Array<SetEntry & { rows: LabelledReply[] }> {
  return labelledSets()
    .replies.filter((s) => s.role === role)
    .map((s) => ({ ...s, rows: labelledReplies(setPath(s)) }));
}

/** Every reply of every tuning set. */
export function tuningReplies(): LabelledReply[] {
  return replySets('tuning').flatMap((s) => s.rows);
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
export function scoreInterest(
  replies: readonly LabelledReply[],
  lex: InterestLexicon,
  read: (text: string) => Stance = (text) => postStance(text, lex),
): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: Score['wrong'] = [];
  for (const r of replies) {
    const got = read(r.text);
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
