import type { RulesConfig } from '../config/rules-config.js';
import { CRITERIA } from '../rules/checklist.js';
import type { Proposal } from '../rules/proposal.js';
import { forumWords } from './context.js';
import { criterionDetail } from './criteria.js';
import { textContextFor } from './text-context.js';

type Detailed<C> = { [K in keyof C]: C[K] & { detail: string } };

/** A proposal as the JSON API and `status` show it: each criterion with its detail in words. */
export type ProposalJson = Omit<Proposal, 'checklist'> & {
  checklist: Detailed<NonNullable<Proposal['checklist']>> | null;
};

/**
 * The proposal of docs/spec/interface.md: as stored, with each criterion's `detail`, one or two
 * sentences in the forum's language from the message catalogue, dated by `now`.
 */
export function proposalJson(p: Proposal, rules: RulesConfig, now: Date): ProposalJson {
  if (!p.checklist) return { ...p, checklist: null };
  const ctx = textContextFor(rules, now, { language: rules.texts.defaultLanguage, timeZone: p.timeZone ?? null });
  const tr = forumWords(ctx);
  const checklist = Object.fromEntries(
    CRITERIA.map((key) => [key, { ...p.checklist![key], detail: criterionDetail(key, p, tr, ctx) }]),
  ) as Detailed<NonNullable<Proposal['checklist']>>;
  return { ...p, checklist };
}
