import { calendarUrlOf, textContextFor } from '../texts/text-context.js';
import type { Meetup } from '../rules/meetup.js';
import type { Proposal } from '../rules/proposal.js';
import type { TextContext } from '../texts/context.js';
import type { EffectContext } from './types.js';

/**
 * What the texts of an effect are written with: the proposal's language and time zone
 * (found by the job that evaluated it), its calendar's address once it has a category, and "now".
 */
export function textsFor(
  ctx: EffectContext,
  p: Proposal,
  categoryId: number | null = p.category?.id ?? null,
): TextContext {
  const tree = ctx.categories.cached();
  return textContextFor(ctx.rules, ctx.clock(), {
    language: p.language ?? null,
    timeZone: p.timeZone ?? null,
    region: p.checklist?.region.value ?? null,
    calendarUrl: calendarUrlOf(ctx.publicUrl, categoryId),
    categoryNames: tree ? { watched: tree.watchedRoot.name, meetups: tree.meetupsRoot?.name ?? null } : null,
  });
}

/** What a meetup's texts are written with: its language and time zone (from its proposal, else the forum's), and "now". */
export function meetupTexts(ctx: EffectContext, m: Meetup): TextContext {
  return textContextFor(ctx.rules, ctx.clock(), {
    language: m.language,
    timeZone: m.timeZone,
    countryCategory: m.country,
    region: m.region,
    categoryNames: categoryNames(ctx),
  });
}

/** The forum's language and zone: the overview, the digest. */
export function forumTexts(ctx: EffectContext): TextContext {
  return textContextFor(ctx.rules, ctx.clock(), { categoryNames: categoryNames(ctx) });
}

function categoryNames(ctx: EffectContext): TextContext['categoryNames'] {
  const tree = ctx.categories.cached();
  return tree ? { watched: tree.watchedRoot.name, meetups: tree.meetupsRoot?.name ?? null } : null;
}
