import { textContextFor } from '../config/text-context.js';
import type { Proposal } from '../rules/proposal.js';
import type { TextContext } from '../texts/context.js';
import type { EffectContext } from './types.js';

/** What the texts of an effect are written with: the proposal's language and time zone, and "now". */
export function textsFor(ctx: EffectContext, p: Proposal): TextContext {
  return textContextFor(ctx.rules, ctx.clock(), { region: p.checklist?.region.value ?? null });
}
