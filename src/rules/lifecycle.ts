import type { CommandAction } from '../events/command.js';

export type ProposalState =
  'gathering' | 'stalled' | 'awaiting_approval' | 'approved' | 'opened' | 'rejected' | 'withdrawn';

export interface ApproverCommand {
  action: CommandAction;
  by: string;
  at: string;
  /** Everything after the command word, for a rejection's reason. */
  comment: string | null;
  /** A member of an approver group, or staff. */
  isApprover: boolean;
  /** The post or message that carried it: a command is read once per post. */
  sourcePostId: number;
  /** Where it was written (the thread, or the approvers' private message): answers go there. */
  sourceTopicId: number;
}

/** The forum work a transition asks for. Each carries the key that makes doing it twice a no-op. */
export type Effect =
  | { kind: 'write_status_post'; key: string }
  | { kind: 'send_approval_prompt'; key: string; round: number }
  | { kind: 'send_approval_followup'; key: string; round: number }
  | { kind: 'create_category'; key: string }
  | { kind: 'announce_category'; key: string }
  | { kind: 'confirm_to_approvers'; key: string }
  | { kind: 'answer_non_approver'; key: string; username: string; inTopicId: number }
  | { kind: 'send_reminder'; key: string; n: number };

export interface LifecycleState {
  state: ProposalState;
  /** How many times the proposal has entered awaiting_approval: keys each prompt. */
  round: number;
  /** The state to return to when a withdrawn topic comes back (opened stays opened). */
  approval: { decision: 'approved' | 'rejected'; by: string; at: string; reason: string | null } | null;
}

export interface LifecycleInput {
  topicId: number;
  ready: boolean;
  withdrawn: boolean;
  /** The topic or its first post is deleted: nothing in it can be edited any more. */
  deleted?: boolean;
  /** The checklist or the state changed, so the status post must show it. */
  checklistChanged: boolean;
  command: ApproverCommand | null;
  /** The meetup's category exists (created or adopted). */
  categoryExists: boolean;
  /** What the thread's silence asks for (rules/stall.ts); absent, nothing. */
  silence?: { stalled: boolean; reminder: number | null };
}

/**
 * The lifecycle of docs/spec/rules.md as a pure function: the previous state and what is known
 * now give the next state and the effects to perform, in order.
 */
export function nextLifecycle(prev: LifecycleState, input: LifecycleInput): LifecycleState & { effects: Effect[] } {
  const t = input.topicId;
  const effects: Effect[] = [];
  let { state, round, approval } = prev;

  if (input.withdrawn) {
    if (state !== 'opened') state = 'withdrawn';
    // Readers of a closed or moved thread see that the checklist stopped, not a stale "next step".
    if (state !== prev.state && !input.deleted) effects.push({ kind: 'write_status_post', key: `status:${t}` });
    // The moderators were asked to approve: they are told there is nothing to approve now.
    if (prev.state === 'awaiting_approval')
      effects.push({ kind: 'send_approval_followup', key: `followup:${t}:${round}`, round });
    return { state, round, approval, effects };
  }
  if (state === 'withdrawn')
    state =
      approval?.decision === 'rejected' ? 'rejected' : approval?.decision === 'approved' ? 'approved' : 'gathering';
  // Any post by a person ends the silence: the proposal gathers again, and reads the rest as one that does.
  if (state === 'stalled' && !input.silence?.stalled) state = 'gathering';
  // A stalled proposal is one that gathers: commands and readiness apply to it as they do.
  if (state === 'stalled') state = 'gathering';

  const cmd = input.command;
  if (cmd && !cmd.isApprover) {
    // At most one answer per person and proposal, however often they try.
    effects.push({
      kind: 'answer_non_approver',
      key: `answer:${t}:${cmd.by.toLowerCase()}`,
      username: cmd.by,
      inTopicId: cmd.sourceTopicId,
    });
  } else if (cmd) {
    if (cmd.action === 'approve' && state === 'awaiting_approval') {
      state = 'approved';
      approval = { decision: 'approved', by: cmd.by, at: cmd.at, reason: cmd.comment };
    } else if (cmd.action === 'reject' && (state === 'awaiting_approval' || state === 'gathering')) {
      state = 'rejected';
      approval = { decision: 'rejected', by: cmd.by, at: cmd.at, reason: cmd.comment };
    } else if (cmd.action === 'reopen' && state === 'rejected') {
      state = 'gathering';
      approval = null;
    }
  }

  if (state === 'gathering' && input.ready) {
    state = 'awaiting_approval';
    round += 1;
    effects.push({ kind: 'send_approval_prompt', key: `prompt:${t}:${round}`, round });
  } else if (state === 'awaiting_approval' && !input.ready) {
    state = 'gathering';
    effects.push({ kind: 'send_approval_followup', key: `followup:${t}:${round}`, round });
  }

  if (state === 'gathering' && input.silence?.stalled) state = 'stalled';
  const reminder = input.silence?.reminder ?? null;
  if ((state === 'gathering' || state === 'stalled') && reminder !== null)
    effects.push({ kind: 'send_reminder', key: `reminder:${t}:${reminder}`, n: reminder });

  if (state === 'approved') {
    if (input.categoryExists) {
      state = 'opened';
      effects.push({ kind: 'announce_category', key: `announce:${t}` });
      effects.push({ kind: 'confirm_to_approvers', key: `confirm:${t}` });
    } else {
      effects.push({ kind: 'create_category', key: `category:${t}` });
    }
  }

  if (input.checklistChanged || state !== prev.state)
    effects.unshift({ kind: 'write_status_post', key: `status:${t}` });
  return { state, round, approval, effects };
}
