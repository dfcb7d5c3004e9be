import type { Meetup, MeetupEffect } from '../rules/meetup.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import { acknowledgeAnswer } from './checkin-answer.js';
import { declineAnswer } from './checkin-decline.js';
import { sendCheckin } from './checkin.js';
import { tellModeratorsClosed } from './closed-notice.js';
import type { MeetupOutcome, MeetupPerform } from './meetup-types.js';
import type { EffectContext } from './types.js';

/** One file per kind of a meetup's effects; rules/meetup.ts declares which to perform. */
export const meetupEffects: { [K in MeetupEffect['kind']]: MeetupPerform<K> } = {
  send_checkin: sendCheckin,
  acknowledge_answer: acknowledgeAnswer,
  decline_answer: declineAnswer,
  tell_moderators_closed: tellModeratorsClosed,
};

function perform(ctx: EffectContext, m: Meetup, effect: MeetupEffect): Promise<MeetupOutcome> {
  // The registry's type pairs each kind with its effect; TypeScript cannot follow that through an index.
  const run = meetupEffects[effect.kind] as (ctx: EffectContext, m: Meetup, e: MeetupEffect) => Promise<MeetupOutcome>;
  return run(ctx, m, effect);
}

/**
 * Drains a meetup's pending effects in order, each through the ledger. Returns when to run
 * again if another run holds one of them (epoch ms), else null.
 */
export async function runMeetupEffects(ctx: EffectContext, categoryId: number): Promise<number | null> {
  for (let step = 0; step < 20; step++) {
    const meetup = (await ctx.store.meetups.get(String(categoryId)))?.value;
    const effect = meetup?.pendingEffects[0];
    if (!meetup || !effect) return null;
    const { outcome, patch } = await perform(ctx, meetup, effect);
    if (outcome.status === 'deferred') return outcome.until;
    const how = outcome.status === 'done' ? outcome.how : `${outcome.status}: ${outcome.why}`;
    ctx.metrics?.effects.inc({ kind: effect.kind, outcome: outcome.status === 'done' ? outcome.how : 'skipped' });
    ctx.logger.info({ categoryId, effect: effect.key, outcome: how }, 'effect');
    await updateVersioned(ctx.store.meetups, String(categoryId), (current) => {
      if (!current) return UNCHANGED;
      const next = patch ? patch(current) : current;
      return { ...next, pendingEffects: next.pendingEffects.filter((e) => e.key !== effect.key) };
    });
  }
  return ctx.clock().getTime() + 1000;
}
