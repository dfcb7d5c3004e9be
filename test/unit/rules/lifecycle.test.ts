import { expect } from 'chai';
import { loadRulesConfig } from '../../../src/config/rules-config.js';
import { readCommand } from '../../../src/events/command.js';
import {
  nextLifecycle,
  type ApproverCommand,
  type LifecycleInput,
  type LifecycleState,
} from '../../../src/rules/lifecycle.js';

const commands = loadRulesConfig('config/default.json').approval.commands;
const start: LifecycleState = { state: 'gathering', round: 0, approval: null };
const quiet: LifecycleInput = {
  topicId: 7,
  ready: false,
  withdrawn: false,
  checklistChanged: false,
  command: null,
  categoryExists: false,
};
const cmd = (action: ApproverCommand['action'], isApprover = true, comment: string | null = null): ApproverCommand => ({
  action,
  by: isApprover ? 'mod_kai' : 'lukas_b',
  at: '2026-12-01T10:00:00.000Z',
  comment,
  isApprover,
  sourcePostId: 555,
  sourceTopicId: 7,
});
const kinds = (r: { effects: Array<{ kind: string; key: string }> }) => r.effects.map((e) => e.key);

describe('lifecycle: transitions and the effects they ask for', () => {
  it('stays gathering and only rewrites the status post when the checklist changed', () => {
    const r = nextLifecycle(start, { ...quiet, checklistChanged: true });
    expect([r.state, kinds(r)]).to.deep.equal(['gathering', ['status:7']]);
    expect(kinds(nextLifecycle(start, quiet))).to.deep.equal([]);
  });

  it('asks the approvers once on becoming ready, keyed by round', () => {
    const r = nextLifecycle(start, { ...quiet, ready: true, checklistChanged: true });
    expect([r.state, r.round, kinds(r)]).to.deep.equal(['awaiting_approval', 1, ['status:7', 'prompt:7:1']]);
    const again = nextLifecycle(r, { ...quiet, ready: true });
    expect([again.state, kinds(again)]).to.deep.equal(['awaiting_approval', []]);
  });

  it('sends one follow-up when it stops being ready, and a new prompt next time', () => {
    const waiting = nextLifecycle(start, { ...quiet, ready: true });
    const back = nextLifecycle(waiting, { ...quiet, ready: false, checklistChanged: true });
    expect([back.state, kinds(back)]).to.deep.equal(['gathering', ['status:7', 'followup:7:1']]);
    const ready2 = nextLifecycle(back, { ...quiet, ready: true });
    expect(kinds(ready2)).to.deep.equal(['status:7', 'prompt:7:2']);
  });

  it('approves, creates the category, then opens and announces', () => {
    const waiting = nextLifecycle(start, { ...quiet, ready: true });
    const approved = nextLifecycle(waiting, { ...quiet, ready: true, command: cmd('approve', true, 'looks great') });
    expect([approved.state, kinds(approved)]).to.deep.equal(['approved', ['status:7', 'category:7']]);
    expect(approved.approval).to.deep.equal({
      decision: 'approved',
      by: 'mod_kai',
      at: '2026-12-01T10:00:00.000Z',
      reason: 'looks great',
    });
    const opened = nextLifecycle(approved, { ...quiet, ready: true, categoryExists: true });
    expect([opened.state, kinds(opened)]).to.deep.equal(['opened', ['status:7', 'announce:7', 'confirm:7']]);
  });

  it('ignores a non-approver, answering them once per person', () => {
    const waiting = nextLifecycle(start, { ...quiet, ready: true });
    const r = nextLifecycle(waiting, { ...quiet, ready: true, command: cmd('approve', false) });
    expect([r.state, kinds(r)]).to.deep.equal(['awaiting_approval', ['answer:7:lukas_b']]);
  });

  it('rejects with a reason, and reopens to gathering (then awaits approval again if ready)', () => {
    const waiting = nextLifecycle(start, { ...quiet, ready: true });
    const rejected = nextLifecycle(waiting, {
      ...quiet,
      ready: true,
      command: cmd('reject', true, 'a meetup in Potsdam covers it'),
    });
    expect([rejected.state, rejected.approval?.reason]).to.deep.equal(['rejected', 'a meetup in Potsdam covers it']);
    const stillRejected = nextLifecycle(rejected, { ...quiet, ready: true });
    expect(stillRejected.state).to.equal('rejected');
    const reopened = nextLifecycle(rejected, { ...quiet, ready: true, command: cmd('reopen') });
    expect([reopened.state, reopened.round, reopened.approval]).to.deep.equal(['awaiting_approval', 2, null]);
  });

  it('withdraws from any state but opened, and comes back where it was', () => {
    const waiting = nextLifecycle(start, { ...quiet, ready: true });
    const gone = nextLifecycle(waiting, { ...quiet, withdrawn: true });
    expect([gone.state, kinds(gone)]).to.deep.equal(['withdrawn', ['status:7', 'followup:7:1']]);
    expect(kinds(nextLifecycle(gone, { ...quiet, withdrawn: true }))).to.deep.equal([]);
    expect(kinds(nextLifecycle(waiting, { ...quiet, withdrawn: true, deleted: true }))).to.deep.equal(['followup:7:1']);
    expect(kinds(nextLifecycle(start, { ...quiet, withdrawn: true }))).to.deep.equal(['status:7']);
    expect(nextLifecycle(gone, { ...quiet, ready: false }).state).to.equal('gathering');
    const opened: LifecycleState = {
      state: 'opened',
      round: 1,
      approval: { decision: 'approved', by: 'k', at: 'x', reason: null },
    };
    expect(nextLifecycle(opened, { ...quiet, withdrawn: true }).state).to.equal('opened');
  });

  it('does not approve a proposal that is not awaiting approval', () => {
    expect(nextLifecycle(start, { ...quiet, command: cmd('approve') }).state).to.equal('gathering');
  });
});

describe('lifecycle: reading an approver command', () => {
  const rows: Array<[string, string, ReturnType<typeof readCommand>]> = [
    ['a bare approve', 'approve', { action: 'approve', comment: null }],
    ['approve with a comment', 'Approve — thanks, looks great', { action: 'approve', comment: 'thanks, looks great' }],
    [
      'reject with a reason',
      'reject: Munich already has a meetup',
      { action: 'reject', comment: 'Munich already has a meetup' },
    ],
    ['German', 'Genehmigt, danke!', { action: 'approve', comment: 'danke!' }],
    ['reopen', 'reopen\nthey found a new venue', { action: 'reopen', comment: 'they found a new venue' }],
    [
      'a command of two words',
      'Otwórz ponownie: znaleźli nowe miejsce',
      { action: 'reopen', comment: 'znaleźli nowe miejsce' },
    ],
    ['a command of two words, alone', '**otwórz ponownie**', { action: 'reopen', comment: null }],
    ['the first of two words only', 'otwórz wątek', null],
    ['a quoted command', '> approve\nthanks', { action: 'approve', comment: 'thanks' }],
    ['not first word', 'I would approve this', null],
    ['an unrelated reply', 'Thanks for the message', null],
  ];
  for (const [what, text, expected] of rows) {
    it(`${what}: ${JSON.stringify(text)}`, () => expect(readCommand(text, commands)).to.deep.equal(expected));
  }
});
