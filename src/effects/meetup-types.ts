import type { Meetup, MeetupEffect } from '../rules/meetup.js';
import type { WriteOutcome } from './ledger.js';
import type { EffectContext } from './types.js';

/** What performing one of a meetup's effects came to, and what it changes in the meetup. */
export interface MeetupOutcome {
  outcome: WriteOutcome | { status: 'skip'; why: string };
  patch?: (m: Meetup) => Meetup;
}

/** Performs one kind of a meetup's effects: one file per kind, listed in effects/meetup-run.ts. */
export type MeetupPerform<K extends MeetupEffect['kind']> = (
  ctx: EffectContext,
  m: Meetup,
  effect: Extract<MeetupEffect, { kind: K }>,
) => Promise<MeetupOutcome>;
