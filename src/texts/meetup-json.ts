import { meetupNextDates, type Meetup } from '../rules/meetup.js';

/** A meetup as GET /api/meetups and `status` show it (docs/spec/interface.md). */
export interface MeetupJson {
  categoryId: number;
  name: string;
  url: string;
  region: string;
  organisers: string[] | null;
  topicId: number | null;
  state: Meetup['state'];
  lastActivityAt: string | null;
  nextDates: string[];
  checkins: number;
  pausedUntil: string | null;
  closed: Meetup['closed'];
}

export function meetupJson(m: Meetup, now: Date): MeetupJson {
  return {
    categoryId: m.categoryId,
    name: m.name,
    url: m.url,
    region: m.region,
    organisers: m.organisers,
    topicId: m.topicId,
    state: m.state,
    lastActivityAt: m.lastActivityAt,
    nextDates: m.state === 'closed' ? [] : meetupNextDates(m, now),
    checkins: m.checkins,
    pausedUntil: m.pausedUntil,
    closed: m.closed,
  };
}

/** The meetups GET /api/meetups and `status` list: those still on the forum, by name. */
export function meetupsJson(meetups: readonly Meetup[], now: Date): MeetupJson[] {
  return meetups
    .filter((m) => !m.gone)
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.categoryId - b.categoryId)
    .map((m) => meetupJson(m, now));
}
