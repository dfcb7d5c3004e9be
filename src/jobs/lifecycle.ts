import { sendDigest } from '../effects/digest.js';
import { activityWanted, meetupChanges } from '../rules/meetup.js';
import { DIGEST_RECORD, digestDue, digestItems, type ProgrammeRecord } from '../rules/programme.js';
import { quietFirst, silenceChanges } from '../rules/stall.js';
import { UNCHANGED, updateVersioned } from '../store/versioned.js';
import type { JobContext } from './context.js';
import { checkMeetup, readActivity, syncMeetups } from './meetups.js';
import { requestOverview } from './overview-request.js';
import { refreshTopic } from './proposal.js';
import { OPEN_STATES } from './reconcile.js';
import type { JobResult, LifecycleJob } from './types.js';

type DigestRecord = Extract<ProgrammeRecord, { kind: 'digest' }>;

/**
 * The periodic check of the programme (docs/spec/rules.md, "After the birth"). Every timer is
 * data in the store (a proposal's last activity and reminders, a meetup's activity and
 * check-ins, the last digest), so a check that is killed and run again, or run by another
 * worker, decides the same and writes nothing twice: each write is keyed in the ledger.
 */
export async function handle(_job: LifecycleJob, ctx: JobContext): Promise<JobResult> {
  const now = ctx.clock();
  const lifecycle = ctx.rules.lifecycle;
  const tree = await ctx.categories.tree();

  // Meetups: read the activity of those about to be asked or marked, and a share of the rest.
  const meetups = (await syncMeetups(ctx, tree)).filter((m) => !m.gone);
  const urgent = meetups.filter((m) => activityWanted(m, now, lifecycle));
  const urgentIds = new Set(urgent.map((m) => m.categoryId));
  const rolling = meetups
    .filter((m) => !urgentIds.has(m.categoryId) && !m.closed)
    .sort((a, b) => (a.activityReadAt ?? '').localeCompare(b.activityReadAt ?? '') || a.categoryId - b.categoryId)
    .slice(0, lifecycle.activityReadsPerCheck);
  for (const m of [...urgent, ...rolling]) await readActivity(ctx, m, tree);
  const fresh = (await ctx.store.meetups.list()).map((m) => m.value).filter((m) => !m.gone);
  for (const m of fresh)
    if (meetupChanges(m, now, lifecycle) || m.pendingEffects.length > 0) await checkMeetup(ctx, m.categoryId);

  // Proposals: only those whose silence asks for something now are read again, a share per
  // check so that a forum's old threads are not all bumped in one hour; the rest wait their turn.
  const proposals = (await ctx.store.proposals.list()).map((p) => p.value);
  const quiet = proposals.filter((p) => OPEN_STATES.has(p.state) && silenceChanges(p, now, lifecycle));
  const due = quietFirst(quiet).slice(0, lifecycle.quietProposalsPerCheck);
  for (const p of due) await refreshTopic(ctx, p.topicId);

  await digest(ctx);
  await requestOverview(ctx);
  ctx.logger.info(
    {
      meetups: meetups.length,
      activityRead: urgent.length + rolling.length,
      proposalsDue: due.length,
      proposalsWaiting: quiet.length - due.length,
    },
    'lifecycle check done',
  );
  return 'checked';
}

/**
 * The moderators' digest: decided first (the record names its number and time, compare-and-set),
 * then sent through the ledger, so a crash between the two sends it on the next check, once.
 */
async function digest(ctx: JobContext): Promise<void> {
  const now = ctx.clock();
  const proposals = (await ctx.store.proposals.list()).map((p) => p.value);
  const meetups = (await ctx.store.meetups.list()).map((m) => m.value);
  const items = digestItems(proposals, meetups, now, ctx.rules.lifecycle);
  const decided = await updateVersioned<ProgrammeRecord>(ctx.store.programme, DIGEST_RECORD, (current) => {
    const last = current?.kind === 'digest' ? current : null;
    if (last && !last.sent) return UNCHANGED;
    if (!digestDue(last, items, now, ctx.rules.lifecycle)) return UNCHANGED;
    return { kind: 'digest', n: (last?.n ?? 0) + 1, at: now.toISOString(), sent: false };
  });
  const record = decided.value as DigestRecord | null;
  // Nothing waits any more: the decided digest goes out once something does.
  if (!record || record.sent || items.length === 0) return;
  const outcome = await sendDigest(ctx, record.n, items);
  if (outcome.status === 'deferred') return;
  await updateVersioned<ProgrammeRecord>(ctx.store.programme, DIGEST_RECORD, (current) =>
    current?.kind === 'digest' && current.n === record.n && !current.sent ? { ...current, sent: true } : UNCHANGED,
  );
}
