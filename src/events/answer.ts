import type { RulesConfig } from '../config/rules-config.js';

/** An organiser's answer to a check-in (docs/spec/rules.md, "After the birth"). */
export type CheckinAnswer = 'yes' | 'pause' | 'close';

export type AnswerWords = RulesConfig['lifecycle']['answers'];

const ANSWERS = ['yes', 'pause', 'close'] as const;

/**
 * The first word of a reply, when it is a check-in answer in any configured language
 * ("Yes, we met last week", "pausa: estate"), else null. Marks before it ("**", "> ") are skipped.
 */
export function readAnswer(raw: string, answers: AnswerWords): CheckinAnswer | null {
  const first = (
    raw
      .trimStart()
      .slice(0, 200)
      .replace(/^[^\p{L}]+/u, '')
      .split(/[^\p{L}]/u, 1)[0] ?? ''
  ).toLocaleLowerCase();
  if (first === '') return null;
  for (const answer of ANSWERS) if (answers[answer].some((w) => w.toLocaleLowerCase() === first)) return answer;
  return null;
}
