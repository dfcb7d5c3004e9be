import { expect } from 'chai';
import { evaluateChecklist } from '../../../src/rules/checklist.js';
import { readReply } from '../../../src/rules/reply.js';
import { readCommand } from '../../../src/events/command.js';
import { readVenue } from '../../../src/rules/venue.js';
import { translator } from '../../../src/texts/catalog.js';
import { exampleLaunchDate, templateExample, templateFor } from '../../../src/texts/examples.js';
import { catalog, compiled, COMPLETE, INCOMPLETE, NOW, proposalOf, rules } from '../../support/texts.js';
import { jana, lukas, thread } from '../../support/views.js';

const LANGUAGES = [...catalog.messages.keys()];

/**
 * What the texts ask people to write must be what the rules read: the template in each
 * language, filled in as shown, makes a proposal whose every field is understood.
 */
describe('examples in the texts are read back by the rules, in every language', () => {
  it('the example launch is a first Friday at least five weeks ahead', () => {
    for (const now of ['2027-02-08T10:00:00Z', '2026-12-31T23:59:00Z', '2027-01-27T00:00:00Z']) {
      const date = exampleLaunchDate(new Date(now));
      const day = new Date(`${date}T12:00:00Z`);
      expect(day.getUTCDay(), date).to.equal(5);
      expect(day.getUTCDate(), date).to.be.at.most(7);
      expect((day.getTime() - Date.parse(now)) / 86_400_000, date).to.be.at.least(34);
    }
  });

  for (const language of LANGUAGES) {
    const tr = translator(catalog, language);

    it(`${language}: the template, copied as shown, sets every field`, () => {
      const template = templateExample(tr, NOW).join('\n').replace('@alice @bob', '@jana.schmidt @lukas_b');
      const e = evaluateChecklist(
        thread('Mautic Meetup', [
          [jana, template],
          [lukas, 'ok'],
        ]),
        compiled,
        { now: NOW, forumUrl: 'https://f', meetups: [], countries: [], otherProposals: [], profiles: {} },
      );
      const c = e.checklist;
      expect(c.region, 'region').to.deep.include({ status: 'met', value: tr.t('template.example.region') });
      expect(c.organisers.value, 'organisers').to.deep.equal(['jana.schmidt', 'lukas_b']);
      expect(c.venue.kind, 'venue').to.equal('office');
      expect(c.launchDate.value, 'launch').to.equal(exampleLaunchDate(NOW));
      expect(c.schedule.value?.rrule, 'schedule').to.equal('FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0');
      expect(c.schedule.status, 'the launch is on the schedule').to.equal('met');
    });

    it(`${language}: the template is filled in with what the thread says, and copied back it reads the same`, () => {
      const said = proposalOf(COMPLETE, 'rejected').checklist!;
      const template = templateFor(said, tr, NOW);
      expect(template.join('\n')).to.include('Berlin').and.include('@jana.schmidt @lukas_b');
      expect(template.join('\n'), 'no example where the thread said it').not.to.include('@alice');
      const again = evaluateChecklist(
        thread('Meetup', [
          [jana, template.join('\n')],
          [lukas, 'ok'],
        ]),
        compiled,
        {
          now: NOW,
          forumUrl: 'https://f',
          meetups: [],
          countries: [],
          otherProposals: [],
          profiles: {},
        },
      ).checklist;
      for (const key of ['region', 'organisers', 'venue', 'launchDate'] as const)
        expect(again[key].value, key).to.deep.equal(said[key].value);
      expect(again.schedule.value?.rrule, 'schedule').to.equal(said.schedule.value?.rrule);
      // What the thread does not say yet stays the example.
      const partly = templateFor(proposalOf(INCOMPLETE, 'gathering').checklist, tr, NOW);
      expect(partly.slice(3)).to.deep.equal(templateExample(tr, NOW).slice(3));
    });

    it(`${language}: "${tr.t('example.countMeIn')}" counts as interest`, () => {
      expect(readReply(tr.t('example.countMeIn'), compiled.replies)).to.equal('interest');
    });

    it(`${language}: the examples of venue kinds are read as an office and a community space`, () => {
      expect(readVenue(`Acme ${tr.t('example.office')}`, compiled.venue).kind).to.equal('office');
      expect(readVenue(`Acme ${tr.t('example.community')}`, compiled.venue).kind).to.equal('community_space');
    });

    it(`${language}: the commands the approvers are shown are read as those commands`, () => {
      for (const action of ['approve', 'reject', 'reopen'] as const) {
        const command = tr.t(`commands.${action}`);
        expect(readCommand(`${command} — thanks`, rules.approval.commands), command).to.deep.equal({
          action,
          comment: 'thanks',
        });
      }
    });
  }
});
