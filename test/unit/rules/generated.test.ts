import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { compileRules } from '../../../src/rules/checklist.js';
import { readSchedule } from '../../../src/rules/schedule.js';
import { templateLines } from '../../../src/rules/template.js';
import { labelCases, scheduleCases } from '../../support/generated-cases.js';

const rules = compileRules(loadRulesConfig('config/default.json'), 'system');

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
        const r = readSchedule(c.text, rules.schedule);
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
