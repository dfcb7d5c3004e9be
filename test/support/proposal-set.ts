import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { regionKey } from '../../src/rules/region.js';
import { readDate } from '../../src/rules/launch-date.js';
import { readSchedule } from '../../src/rules/schedule.js';
import { dayOrder, evaluateChecklist, type CompiledRules } from '../../src/rules/checklist.js';
import { isProposal } from '../../src/rules/proposal.js';
import { jana, thread } from './views.js';

/** A monthly slot as labelled: an nth weekday or a day of the month; hour and minute null when no time is given. */
const scheduleShape = z.union([
  z.object({
    ordinal: z.number().int(),
    weekday: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
    hour: z.number().int().nullable(),
    minute: z.number().int().nullable(),
  }),
  z.object({
    monthDay: z.number().int().min(1).max(31),
    hour: z.number().int().nullable(),
    minute: z.number().int().nullable(),
  }),
]);

/**
 * A thread's opening post with what a moderator reads in it. The older sets give the post
 * alone; the newer ones its title and country category too, and threads that are no proposal.
 */
const proposalRow = z.object({
  language: z.string().min(2),
  now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date and time'),
  title: z.string().default(''),
  country: z.string().nullable().default(null),
  post: z.string(),
  expect: z.object({
    proposal: z.boolean().default(true),
    region: z.string().nullable(),
    venueKind: z.enum(['office', 'community_space', 'bar', 'unknown']).nullable(),
    launchDate: z.iso.date().nullable(),
    schedule: scheduleShape.nullable(),
  }),
});

export type LabelledProposal = z.infer<typeof proposalRow> & { line: number };
export const PROPOSAL_FIELDS = ['region', 'venue', 'venueKind', 'launchDate', 'schedule'] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

/** Proposal first posts with what a moderator reads in them, one JSON object a line. */
export function labelledProposals(file: string): LabelledProposal[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((row, i) => ({ row, line: i + 1 }))
    .filter(({ row }) => row.trim() !== '')
    .map(({ row, line }) => ({ ...proposalRow.parse(JSON.parse(row)), line }));
}

/** The venue criterion's verdict for a kind: an office or community space is met, a bar blocked, anything else missing. */
export function venueVerdict(kind: string | null | undefined): 'met' | 'blocked' | 'missing' {
  return kind === 'office' || kind === 'community_space' ? 'met' : kind === 'bar' ? 'blocked' : 'missing';
}

type Slot = z.infer<typeof scheduleShape>;

/** A slot in the labels' shape, whatever shape it came in: key order and absent times do not count. */
function slotKey(s: Slot | null): string {
  if (s === null) return 'null';
  const time = `${s.hour ?? '-'}:${s.minute ?? '-'}`;
  return 'monthDay' in s ? `day ${s.monthDay} ${time}` : `${s.ordinal} ${s.weekday} ${time}`;
}

/** The thread a labelled post opens: its title, and the post by the author. */
export function proposalThread(p: LabelledProposal) {
  return thread(p.title, [[jana, p.post]]);
}

/** Whether the rules take the thread for a proposal, as its labeller did. */
export function takenAsProposal(p: LabelledProposal, rules: CompiledRules): boolean {
  return isProposal(proposalThread(p), { rules: rules.config, compiled: rules });
}

/** Which fields of one proposal the rules read as its labeller did. */
export function readProposalFields(p: LabelledProposal, rules: CompiledRules): Record<ProposalField, boolean> {
  const evaluation = evaluateChecklist(proposalThread(p), rules, {
    now: new Date(p.now),
    forumUrl: 'https://f',
    meetups: [],
    countries: p.country ? [p.country] : [],
    country: p.country,
    otherProposals: [],
    profiles: {},
  });
  const { checklist, values } = evaluation;
  const region = checklist.region.value ?? null;
  const launchTime = values.launch
    ? (readDate(values.launch.value, new Date(p.now), rules.dates, dayOrder(p.country, rules))?.time ?? null)
    : null;
  const reading = values.schedule ? readSchedule(values.schedule.value, rules.schedule, launchTime) : null;
  const slot: Slot | null =
    reading?.kind === 'monthly'
      ? { ...reading.schedule }
      : reading?.kind === 'no_time'
        ? { ...reading.day, hour: null, minute: null }
        : null;
  const kind = checklist.venue.kind ?? null;
  const expected = p.expect;
  return {
    region:
      expected.region === null
        ? region === null || checklist.region.reason.code === 'country'
        : region !== null && regionKey(region, rules.region) === regionKey(expected.region, rules.region),
    venue: venueVerdict(kind) === venueVerdict(expected.venueKind),
    venueKind: kind === expected.venueKind,
    launchDate: (checklist.launchDate.value ?? null) === expected.launchDate,
    schedule: slotKey(slot) === slotKey(expected.schedule),
  };
}

export interface ProposalAccuracy extends Record<ProposalField, number> {
  /** Proposals read. */
  count: number;
  /** Share of the proposals taken as proposals. */
  taken: number;
  /** Share of the threads that are none taken as none. */
  notTaken: number;
}

/** Share of proposals read right, per field; and how well proposals are told from other threads. */
export function proposalAccuracy(set: readonly LabelledProposal[], rules: CompiledRules): ProposalAccuracy {
  const right = { region: 0, venue: 0, venueKind: 0, launchDate: 0, schedule: 0 };
  const proposals = set.filter((p) => p.expect.proposal);
  const others = set.filter((p) => !p.expect.proposal);
  for (const p of proposals) {
    const read = readProposalFields(p, rules);
    for (const f of PROPOSAL_FIELDS) if (read[f]) right[f]++;
  }
  const n = proposals.length || 1;
  return {
    count: proposals.length,
    taken: proposals.filter((p) => takenAsProposal(p, rules)).length / n,
    notTaken: others.filter((p) => !takenAsProposal(p, rules)).length / (others.length || 1),
    region: right.region / n,
    venue: right.venue / n,
    venueKind: right.venueKind / n,
    launchDate: right.launchDate / n,
    schedule: right.schedule / n,
  };
}
