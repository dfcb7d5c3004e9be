import { generatedData } from '../../../src/config/generated.js';
import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { readSchedule } from '../../../src/rules/schedule.js';
import { templateLines } from '../../../src/rules/template.js';
import { entryCases, labelCases, scheduleCases } from '../../support/generated-cases.js';
import { postStance } from '../../../src/rules/reply-rules.js';
import { readVenue, venueSentence } from '../../../src/rules/venue.js';
import { foundsAGroup, isOtherThread } from '../../../src/rules/proposal-words.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system', generatedData());

describe('template labels: every label × field × language', () => {
  it('reads each label as its field, plain, bold or bulleted; a place or when label by the rest of the post', () => {
    const wrong = labelCases()
      .filter((c) => templateLines(c.line, rules.labels, 300)[c.field as 'region'] !== c.value)
      .map((c) => `${c.language} ${c.kind} → ${c.field}: ${JSON.stringify(c.line)}`);
    expect(wrong).to.deep.equal([]);
  });
});

describe('schedules: every ordinal × weekday of each language', () => {
  it('reads each as that day of the month at 19:00', () => {
    const wrong = scheduleCases()
      .filter((c) => {
        const r = readSchedule(c.text, rules.schedule, c.launchTime);
        return !(
          r.kind === 'monthly' &&
          'ordinal' in r.schedule &&
          r.schedule.ordinal === c.ordinal &&
          r.schedule.weekday === c.weekday &&
          r.schedule.hour === 19
        );
      })
      .map((c) => `${c.language}: ${JSON.stringify(c.text)}`);
    expect(wrong).to.deep.equal([]);
  });
});

describe('word lists: every entry in a case of its own, built from its language file', () => {
  it('reads each entry as its list says', () => {
    const wrong: string[] = [];
    for (const c of entryCases()) {
      let got: string;
      if (c.list.startsWith('venue.') && c.expected === 'unconfirmed')
        got = readVenue(c.text, rules.venue).confirmed ? 'confirmed' : 'unconfirmed';
      else if (c.list.startsWith('venue.') && c.expected.endsWith('venue sentence'))
        got = venueSentence(c.text, rules.venue, 300) === null ? 'no venue sentence' : 'venue sentence';
      else if (c.list === 'venue.work')
        got = readVenue(venueSentence(c.text, rules.venue, 300)?.sentence ?? '', rules.venue).kind;
      else if (c.list.startsWith('venue.')) got = readVenue(c.text, rules.venue).kind;
      else if (c.expected === 'proposal') got = rules.keywords.matches(c.text) ? 'proposal' : 'none';
      else if (c.expected === 'founds a group') got = foundsAGroup(c.text, rules.proposal) ? c.expected : 'none';
      else if (c.expected === 'other thread') got = isOtherThread(c.text, rules.proposal) ? c.expected : 'none';
      else {
        const stance = postStance(c.text, rules.replies.lexicon.rules);
        if (c.expected === 'not interest') got = stance === 'interest' ? stance : 'not interest';
        else if (c.expected === 'said') got = stance === 'none' ? stance : 'said';
        else got = stance;
      }
      if (got !== c.expected)
        wrong.push(`${c.language} ${c.list} ${JSON.stringify(c.entry)}: ${JSON.stringify(c.text)} read ${got}`);
    }
    expect(wrong).to.deep.equal([]);
  });
});
