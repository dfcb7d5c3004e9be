import type { Proposal } from '../rules/proposal.js';
import { fallsOn, nextDates } from '../rules/schedule.js';
import { meetupCalendar } from './calendar.js';
import { threadWords, type TextContext } from './context.js';
import { scheduleOf, scheduleText } from './criteria.js';
import { plainText } from './markdown.js';

/**
 * The iCalendar file of an official meetup (GET /meetups/:categoryId.ics), in the thread's
 * language and the meetup's time zone, or null while its schedule cannot be read. The
 * series starts at the first meeting on or after the launch date, so the file stays the
 * same from month to month; a launch off the schedule is an event of its own.
 */
export function proposalCalendar(
  p: Proposal,
  category: { id: number; name: string; url: string },
  ctx: TextContext,
  /** The host that names the events (the forum's), for stable UIDs. */
  host: string,
): string | null {
  const c = p.checklist;
  const rule = c?.schedule.value?.rrule;
  const s = c ? scheduleOf(c.schedule) : null;
  if (!c || !rule || !s) return null;
  const today = ctx.now.toISOString().slice(0, 10);
  const launch = c.launchDate.value ?? null;
  const from = launch ?? c.schedule.value?.next[0]?.slice(0, 10) ?? today;
  const first = nextDates(rule, from, 1)[0];
  if (!first) return null;
  const tr = threadWords(ctx);
  const name = plainText(category.name, 80);
  const time = `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;
  return meetupCalendar({
    uid: `meetup-${category.id}@${host}`,
    summary: name,
    url: category.url,
    description: tr.t('calendar.description', { schedule: scheduleText(c.schedule, tr, ctx) ?? '', url: category.url }),
    location: p.online ? null : (c.venue.value ?? null),
    timeZone: ctx.timeZone,
    rrule: rule,
    first,
    minutes: ctx.rules.texts.meetupMinutes,
    launch:
      launch && !fallsOn(rule, launch)
        ? { start: `${launch}T${time}`, summary: tr.t('calendar.launch', { name }) }
        : null,
    now: ctx.now,
  });
}
