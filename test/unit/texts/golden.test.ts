import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineValues } from '../../../src/texts/machine-values.js';
import { catalog, goldenTexts } from '../../support/texts.js';

const GOLDEN = 'test/golden';
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * Every text the service writes, in every language, rendered from one fixed proposal and
 * compared with the files under test/golden/<language>/, which people read before they
 * are committed. UPDATE_GOLDEN=1 writes the renders back instead.
 */
describe('golden texts', () => {
  for (const language of [...catalog.messages.keys()].sort()) {
    describe(language, () => {
      const texts = goldenTexts(language);
      for (const [name, text] of Object.entries(texts)) {
        const file = join(GOLDEN, language, `${name}.md`);
        it(`${name} is as in ${file}`, () => {
          if (update) {
            mkdirSync(join(GOLDEN, language), { recursive: true });
            writeFileSync(file, `${text}\n`);
          }
          expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1, then read it`).to.equal(true);
          expect(`${text}\n`).to.equal(readFileSync(file, 'utf8'));
        });
        it(`${name} shows no recurrence rule, ISO date or internal name`, () => {
          expect(machineValues(text)).to.deep.equal([]);
        });
      }
    });
  }
});

describe('the machine-value checker', () => {
  const caught: Array<[string, string]> = [
    ['a recurrence rule', 'Monthly: FREQ=MONTHLY;BYDAY=1FR;BYHOUR=18;BYMINUTE=0'],
    ['an ISO date', 'Launch: 2027-03-05'],
    ['an ISO timestamp in a code span', 'next: `2027-03-05T18:00`'],
    ['a criterion key', '**launchDate**: met, with a warning'],
    ['a state', 'the proposal is awaiting_approval'],
    ['an effect kind', 'queued send_approval_prompt'],
    ['a venue kind', 'Venue: community_space'],
    ['a camelCase name', 'see minDaysAhead'],
  ];
  for (const [what, text] of caught) {
    it(`finds ${what}`, () => expect(machineValues(text)).to.not.deep.equal([]));
  }

  const allowed: Array<[string, string]> = [
    ['a username with an underscore in a code span', 'still waiting for `lukas_b`'],
    ['a marker', '<!-- meetup-companion:prompt:27341:1 -->'],
    ['a link target', '[the thread](https://forum.mautic.org/t/mautic_meetup/2027-03-05)'],
    ['dates in words', 'Fri, 5 Mar 2027, 18:00 CET'],
  ];
  for (const [what, text] of allowed) {
    it(`leaves ${what}`, () => expect(machineValues(text)).to.deep.equal([]));
  }
});
