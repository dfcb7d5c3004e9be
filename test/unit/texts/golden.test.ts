import { expect } from 'chai';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { machineValues } from '../../../src/texts/machine-values.js';
import { catalog, goldenTexts } from '../../support/texts.js';

const GOLDEN = 'test/golden';
const update = process.env.UPDATE_GOLDEN === '1';

/**
 * Dates, months and zone names come from the ICU data Node ships (CLDR). Node 20 and 24
 * word them alike while their CLDR is the same; the files record the CLDR they were
 * written with, so a difference in another Node is named rather than left to guess.
 */
const ICU_FILE = join(GOLDEN, 'icu.json');
const cldr = process.versions.cldr ?? 'unknown';
if (update) writeFileSync(ICU_FILE, `${JSON.stringify({ cldr })}\n`);
const writtenWith = (JSON.parse(readFileSync(ICU_FILE, 'utf8')) as { cldr: string }).cldr;
const icuNote =
  writtenWith === cldr
    ? ''
    : ` (the files were written with CLDR ${writtenWith} and this Node has CLDR ${cldr}: dates and zone names may be worded differently; read the difference, then UPDATE_GOLDEN=1 on the CLDR the project pins)`;

/**
 * Every text the service writes, in every language, rendered from one fixed proposal and
 * compared with the files under test/golden/<language>/, which people read before they
 * are committed. UPDATE_GOLDEN=1 writes the renders back instead.
 */
describe('golden texts', () => {
  it(`were written with the CLDR of this Node (${cldr})`, () => {
    expect(cldr, `the golden files record CLDR ${writtenWith}${icuNote}`).to.equal(writtenWith);
  });

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
          expect(`${text}\n`, `${file}${icuNote}`).to.equal(readFileSync(file, 'utf8'));
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
