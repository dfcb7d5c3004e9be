import { durationMs, type RulesConfig } from '../config/rules-config.js';
import type { CheckinAnswer } from '../events/answer.js';
import type { Checklist } from './checklist.js';
import { nextDates } from './schedule.js';

/**
 * A meetup after it opens (docs/spec/rules.md, "After the birth"): every subcategory of the
 * meetups category, its activity, and what its quiet asks for. Pure: "now" is passed in.
 */

export type MeetupState = 'active' | 'quiet' | 'dormant' | 'paused' | 'closed';

export type { CheckinAnswer } from '../events/answer.js';

/** The forum work a meetup's state asks for, keyed like a proposal's effects. */
export type MeetupEffect =
  | { kind: 'send_checkin'; key: string; n: number }
  | { kind: 'acknowledge_answer'; key: string; answer: CheckinAnswer; username: string; inTopicId: number }
  | { kind: 'decline_answer'; key: string; username: string; inTopicId: number }
  | { kind: 'tell_moderators_closed'; key: string; username: string };

export interface Meetup {
  categoryId: number;
  name: string;
  url: string;
  /** The region it meets in: the proposal's, or the category's name for a meetup older than the service. */
  region: string;
  /** The organisers the proposal named; null for a meetup the service did not open (the moderators are asked). */
  organisers: string[] | null;
  /** The proposal thread it came from, if the service opened it. */
  topicId: number | null;
  /** The country category its proposal was in, for the overview. */
  country: string | null;
  language: string | null;
  timeZone: string | null;
  /** The monthly day and time its proposal gave, and its launch (a calendar day). */
  schedule: Checklist['schedule'] | null;
  launchDate: string | null;
  /** When the service first saw the category. */
  firstSeenAt: string;
  /** The newest topic or post by a person in its category. */
  lastActivityAt: string | null;
  /** When its latest topics were last read from the forum; null until the first read. */
  activityReadAt: string | null;
  /** The latest "yes" of its organisers: the quiet clock starts again from it. */
  answeredAt: string | null;
  pausedUntil: string | null;
  closed: { by: string; at: string } | null;
  state: MeetupState;
  /** Check-in messages decided so far; each is keyed by its number. */
  checkins: number;
  /** The time the latest check-in counted the quiet from: one check-in per quiet spell. */
  checkedInFor: string | null;
  /** The private message of the latest check-in, where organisers answer. */
  checkinTopicId: number | null;
  /** Answers already read (post ids): a redelivered answer acts once. */
  answersSeen: number[];
  /** Still a subcategory of the meetups category on the forum. */
  gone: boolean;
  pendingEffects: MeetupEffect[];
}

/** What a meetup takes from the proposal that opened it. */
export type MeetupOrigin = Pick<
  Meetup,
  'region' | 'organisers' | 'topicId' | 'country' | 'language' | 'timeZone' | 'schedule' | 'launchDate'
>;

/** The meetup's next meetings (local wall-clock times), from today or its launch, whichever is later. */
export function meetupNextDates(m: Meetup, now: Date, count = 3): string[] {
  const rule = m.schedule?.value?.rrule;
  if (!rule) return [];
  const today = now.toISOString().slice(0, 10);
  const from = m.launchDate && m.launchDate > today ? m.launchDate : today;
  return nextDates(rule, from, count);
}

export function newMeetup(c: { id: number; name: string; url: string }, now: Date, from: MeetupOrigin | null): Meetup {
  return {
    categoryId: c.id,
    name: c.name,
    url: c.url,
    region: from?.region ?? c.name,
    organisers: from?.organisers ?? null,
    topicId: from?.topicId ?? null,
    country: from?.country ?? null,
    language: from?.language ?? null,
    timeZone: from?.timeZone ?? null,
    schedule: from?.schedule ?? null,
    launchDate: from?.launchDate ?? null,
    firstSeenAt: now.toISOString(),
    lastActivityAt: null,
    activityReadAt: null,
    answeredAt: null,
    pausedUntil: null,
    closed: null,
    state: 'active',
    checkins: 0,
    checkedInFor: null,
    checkinTopicId: null,
    answersSeen: [],
    gone: false,
    pendingEffects: [],
  };
}

const later = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b;

/**
 * The last sign of life: activity in the category, a "yes", the end of a pause; the day
 * the service first saw it stands in until then.
 */
export function aliveSince(m: Meetup, now: Date): string {
  const pauseEnded = m.pausedUntil !== null && Date.parse(m.pausedUntil) <= now.getTime() ? m.pausedUntil : null;
  return later(later(later(m.lastActivityAt, m.answeredAt), pauseEnded), m.firstSeenAt)!;
}

/** Folds activity seen in the category (a webhook, or a read of its latest topics) into the meetup. */
export function withActivity(m: Meetup, at: string | null, readAt: string | null = null): Meetup {
  const lastActivityAt = later(m.lastActivityAt, at);
  const activityReadAt = later(m.activityReadAt, readAt);
  if (lastActivityAt === m.lastActivityAt && activityReadAt === m.activityReadAt) return m;
  return { ...m, lastActivityAt, activityReadAt };
}

/**
 * The meetup's state now, and the check-in its quiet asks for. A meetup whose activity has
 * never been read is left as it is: the service does not ask about a group it has not looked at.
 */
export function evaluateMeetup(m: Meetup, now: Date, lifecycle: RulesConfig['lifecycle']): Meetup {
  if (m.gone || m.closed || m.activityReadAt === null)
    return m.closed && m.state !== 'closed' ? { ...m, state: 'closed' } : m;
  if (m.pausedUntil !== null && Date.parse(m.pausedUntil) > now.getTime())
    return m.state === 'paused' ? m : { ...m, state: 'paused' };
  const alive = aliveSince(m, now);
  const quiet = now.getTime() - Date.parse(alive);
  let state: MeetupState = 'active';
  if (quiet >= durationMs(lifecycle.meetupDormantAfter)) state = 'dormant';
  else if (quiet >= durationMs(lifecycle.meetupQuietAfter)) state = 'quiet';
  let next: Meetup = state === m.state ? m : { ...m, state };
  if (state !== 'active' && m.checkedInFor !== alive) {
    const n = m.checkins + 1;
    next = {
      ...next,
      checkins: n,
      checkedInFor: alive,
      pendingEffects: [...next.pendingEffects, { kind: 'send_checkin', key: `checkin:${m.categoryId}:${n}`, n }],
    };
  }
  return next;
}

/** Whether evaluating the meetup now would change it: the periodic check reads again only these. */
export function meetupChanges(m: Meetup, now: Date, lifecycle: RulesConfig['lifecycle']): boolean {
  return evaluateMeetup(m, now, lifecycle) !== m;
}

/** Whether reading the category's activity first could change what happens now: it is about to be asked or marked. */
export function activityWanted(m: Meetup, now: Date, lifecycle: RulesConfig['lifecycle']): boolean {
  if (m.gone || m.closed) return false;
  if (m.activityReadAt === null) return true;
  const probe = evaluateMeetup(m, now, lifecycle);
  return probe.state !== m.state || probe.checkins !== m.checkins;
}

export interface AnswerInput {
  answer: CheckinAnswer;
  username: string;
  at: string;
  /** An organiser of the meetup, or staff, or a member of an approver group. */
  mayAnswer: boolean;
  postId: number;
  topicId: number;
}

/**
 * An answer to a check-in. Someone who may not answer is told so, once; an answer read
 * before (a redelivery) changes nothing.
 */
export function answerCheckin(m: Meetup, a: AnswerInput, now: Date, lifecycle: RulesConfig['lifecycle']): Meetup {
  if (m.answersSeen.includes(a.postId)) return m;
  const seen = [...m.answersSeen, a.postId].slice(-200);
  const user = a.username.toLowerCase();
  const add = (effect: MeetupEffect) =>
    m.pendingEffects.some((e) => e.key === effect.key) ? m.pendingEffects : [...m.pendingEffects, effect];
  if (!a.mayAnswer)
    return {
      ...m,
      answersSeen: seen,
      pendingEffects: add({
        kind: 'decline_answer',
        key: `checkin-decline:${m.categoryId}:${user}`,
        username: a.username,
        inTopicId: a.topicId,
      }),
    };
  const acknowledged: MeetupEffect = {
    kind: 'acknowledge_answer',
    key: `checkin-answer:${m.categoryId}:${a.postId}`,
    answer: a.answer,
    username: a.username,
    inTopicId: a.topicId,
  };
  let next: Meetup = { ...m, answersSeen: seen, pendingEffects: add(acknowledged) };
  if (a.answer === 'yes') next = { ...next, answeredAt: later(m.answeredAt, a.at), pausedUntil: null, closed: null };
  if (a.answer === 'pause')
    next = {
      ...next,
      pausedUntil: new Date(Date.parse(a.at) + durationMs(lifecycle.pauseFor)).toISOString(),
      closed: null,
    };
  if (a.answer === 'close') {
    next = { ...next, closed: { by: a.username, at: a.at }, state: 'closed' };
    const told: MeetupEffect = {
      kind: 'tell_moderators_closed',
      key: `checkin-closed:${m.categoryId}:${m.checkins}`,
      username: a.username,
    };
    if (!next.pendingEffects.some((e) => e.key === told.key))
      next = { ...next, pendingEffects: [...next.pendingEffects, told] };
  }
  return evaluateMeetup({ ...next, state: next.closed ? 'closed' : next.state }, now, lifecycle);
}
