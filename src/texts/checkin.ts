import { durationMs } from '../config/rules-config.js';
import { aliveSince, type CheckinAnswer, type Meetup } from '../rules/meetup.js';
import { threadWords, type TextContext } from './context.js';
import { dayOf } from './dates.js';
import { inert, listOf, marker, mentionable, plainText } from './markdown.js';

/**
 * The check-in private message to a quiet meetup's organisers (or, when they are not known,
 * the moderators), in the meetup's language, and the answers to their replies.
 */

function meetupLink(m: Meetup): string {
  return `[${plainText(m.name, 80)}](${m.url})`;
}

/** The answer word to show: the meetup's language's own where the configured words have it, else the first. */
function answerWord(answer: CheckinAnswer, ctx: TextContext): string {
  const words = ctx.rules.lifecycle.answers[answer];
  const own = threadWords(ctx).t(`checkin.word.${answer}`).toLowerCase();
  return words.find((w) => w.toLowerCase() === own) ?? words[0] ?? answer;
}

export function checkinTitle(m: Meetup, ctx: TextContext): string {
  return threadWords(ctx).t('checkin.title', { meetup: plainText(m.name, 80) });
}

export function checkinText(m: Meetup, n: number, ctx: TextContext): string {
  const tr = threadWords(ctx);
  const meetup = meetupLink(m);
  const alive = aliveSince(m, ctx.now);
  const day = (at: number) => dayOf(new Date(at), ctx.timeZone, tr.locale);
  const organisers = (m.organisers ?? []).map((u) => mentionable(u) ?? inert(u));
  const word = (a: CheckinAnswer) => `\`${answerWord(a, ctx)}\``;
  const now = ctx.now.getTime();
  return [
    marker(`checkin:${m.categoryId}:${n}`),
    organisers.length
      ? tr.t('checkin.hello', { names: listOf(organisers, tr.locale) })
      : tr.t('checkin.helloModerators', { meetup }),
    '',
    tr.t('checkin.quiet', { meetup, date: dayOf(alive, ctx.timeZone, tr.locale) }),
    '',
    tr.t('checkin.how'),
    `- ${tr.t('checkin.yes', { word: word('yes') })}`,
    `- ${tr.t('checkin.pause', { word: word('pause'), date: day(now + durationMs(ctx.rules.lifecycle.pauseFor)) })}`,
    `- ${tr.t('checkin.close', { word: word('close') })}`,
    '',
    tr.t('checkin.dormant', {
      date: day(Math.max(now, Date.parse(alive) + durationMs(ctx.rules.lifecycle.meetupDormantAfter))),
    }),
  ].join('\n');
}

export function checkinAnswered(
  key: string,
  m: Meetup,
  answer: CheckinAnswer,
  username: string,
  ctx: TextContext,
): string {
  const tr = threadWords(ctx);
  return [
    marker(key),
    tr.t('checkin.answered', {
      answer,
      name: inert(username),
      meetup: meetupLink(m),
      date: m.pausedUntil ? dayOf(m.pausedUntil, ctx.timeZone, tr.locale) : '',
    }),
  ].join('\n');
}

export function checkinDeclined(key: string, m: Meetup, username: string, ctx: TextContext): string {
  const tr = threadWords(ctx);
  return [marker(key), tr.t('checkin.declined', { name: inert(username), meetup: meetupLink(m) })].join('\n');
}

/** Tells the moderators, in the forum's language, that a group's organisers closed it. */
export function closedTitle(m: Meetup, ctx: TextContext): string {
  return threadWords({ ...ctx, language: ctx.rules.texts.defaultLanguage }).t('closed.title', {
    meetup: plainText(m.name, 80),
  });
}

export function closedText(key: string, m: Meetup, username: string, ctx: TextContext): string {
  const tr = threadWords({ ...ctx, language: ctx.rules.texts.defaultLanguage });
  return [marker(key), tr.t('closed.body', { name: inert(username), meetup: meetupLink(m) })].join('\n');
}
