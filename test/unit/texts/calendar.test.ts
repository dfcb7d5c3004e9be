import { expect } from 'chai';
import { calendarPluginEvent } from '../../../src/texts/calendar.js';
import { instantOf } from '../../../src/texts/dates.js';
import { machineValues } from '../../../src/texts/machine-values.js';
import { announcement, categoryDescription } from '../../../src/texts/messages.js';
import { meetupCalendarFor, parseCalendar as parse } from '../../support/calendar.js';
import { CATEGORY, COMPLETE, contextFor, proposalOf, rules } from '../../support/texts.js';

describe('the meetup calendar file', () => {
  const opened = proposalOf(COMPLETE, 'opened');
  const next = opened.checklist!.schedule.value!.next;

  for (const zone of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney']) {
    it(`parses back to the checklist's next three dates in ${zone}, across its change of summer time`, () => {
      const ics = meetupCalendarFor(opened, contextFor('en', { timeZone: zone }))!;
      const [series, ...others] = parse(ics);
      expect(others).to.deep.equal([]);
      expect(series!.tzid).to.equal(zone);
      expect(series!.occurrences.map((o) => o.local)).to.deep.equal(next);
      expect(series!.occurrences.map((o) => o.utc)).to.deep.equal(
        next.map((wall) => instantOf(wall, zone).toISOString().slice(0, 16)),
      );
      // The same wall-clock time is a different instant once the clocks change.
      const offsets = series!.occurrences.map((o) => Date.parse(`${o.local}Z`) - Date.parse(`${o.utc}Z`));
      expect(new Set(offsets).size, JSON.stringify(series!.occurrences)).to.equal(2);
    });
  }

  it('names the meetup, its place and a stable id, with a rule that keeps only the day', () => {
    const [series] = parse(meetupCalendarFor(opened, contextFor('de'))!);
    expect(series).to.deep.include({
      summary: 'Mautic Meetup Berlin',
      location: 'Acme GmbH Büro, Torstraße 1 (office)',
      uid: `meetup-${CATEGORY.id}@forum.mautic.org`,
      rrule: 'FREQ=MONTHLY;BYDAY=1FR',
    });
  });

  it('gives a launch off the schedule an event of its own', () => {
    const p = proposalOf(COMPLETE, 'opened');
    const off = {
      ...p,
      checklist: { ...p.checklist!, launchDate: { ...p.checklist!.launchDate, value: '2027-03-04' } },
    };
    const events = parse(meetupCalendarFor(off, contextFor('en'))!, 1);
    expect(events.map((e) => [e.summary, e.occurrences[0]!.local])).to.deep.equal([
      ['Mautic Meetup Berlin', '2027-03-05T18:00'],
      ['Mautic Meetup Berlin: first meetup', '2027-03-04T18:00'],
    ]);
  });

  it('has no place for an online meetup', () => {
    const [series] = parse(meetupCalendarFor({ ...opened, online: true }, contextFor('en'))!);
    expect(series!.location).to.equal(null);
  });
});

describe("the calendar plugin's event markup", () => {
  const first = '2027-03-05T18:00';
  it('repeats the nth weekday of each month from the first meeting', () => {
    expect(
      calendarPluginEvent({
        name: 'Mautic Meetup "Berlin"]',
        timeZone: 'Europe/Berlin',
        first,
        minutes: 120,
        day: { ordinal: 1, weekday: 'FR' },
      }),
    ).to.equal(
      '[event start="2027-03-05 18:00" end="2027-03-05 20:00" status="public" name="Mautic Meetup  Berlin" timezone="Europe/Berlin" recurrence="every_month"]\n[/event]',
    );
  });

  it('is left out where the plugin cannot repeat the schedule', () => {
    for (const day of [
      { monthDay: 15 },
      { ordinal: -1 as const, weekday: 'FR' as const },
      { ordinal: 5 as const, weekday: 'FR' as const },
    ])
      expect(
        calendarPluginEvent({ name: 'x', timeZone: 'UTC', first, minutes: 60, day }),
        JSON.stringify(day),
      ).to.equal(null);
  });

  it('goes into the About text only when config turns it on, instead of the calendar link; never into a reply', () => {
    const opened = proposalOf(COMPLETE, 'opened');
    const plugin = contextFor('en', { rules: { ...rules, texts: { ...rules.texts, calendarPlugin: true } } });
    const off = categoryDescription(opened, contextFor('en'), CATEGORY);
    const on = categoryDescription(opened, plugin, CATEGORY);
    expect(off).to.include('.ics').and.not.include('[event ');
    expect(on).to.include('recurrence="every_month"').and.not.include('.ics');
    expect(machineValues(on)).to.deep.equal([]);
    // The plugin refuses an event anywhere but in the first post of a topic: the announcement is a reply.
    expect(announcement(opened, CATEGORY, plugin))
      .to.include('.ics')
      .and.not.include('[event ');
  });
});
