import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CompiledRules } from '../../src/rules/checklist.js';
import { regionKey } from '../../src/rules/region.js';
import { readDate } from '../../src/rules/launch-date.js';
import { readSchedule } from '../../src/rules/schedule.js';
import { firstPostEvaluation } from './views.js';

const scheduleShape = z.object({
  ordinal: z.number().int(),
  weekday: z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']),
  hour: z.number().int(),
  minute: z.number().int(),
});

const proposalRow = z.object({
  language: z.string().min(2),
  now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected a date and time'),
  post: z.string(),
  expect: z.object({
    region: z.string(),
    venueKind: z.enum(['office', 'community_space', 'bar', 'unknown']).nullable(),
    launchDate: z.iso.date().nullable(),
    schedule: scheduleShape.nullable(),
  }),
});

export type LabelledProposal = z.infer<typeof proposalRow> & { line: number };
export const PROPOSAL_FIELDS = ['region', 'venueKind', 'launchDate', 'schedule'] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

/** Proposal first posts with what a moderator reads in them, one JSON object a line. */
export function labelledProposals(file: string): LabelledProposal[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((row, i) => ({ row, line: i + 1 }))
    .filter(({ row }) => row.trim() !== '')
    .map(({ row, line }) => ({ ...proposalRow.parse(JSON.parse(row)), line }));
}

/** Which fields of one proposal the rules read as its labeller did. */
export function readProposalFields(p: LabelledProposal, rules: CompiledRules): Record<ProposalField, boolean> {
  const evaluation = firstPostEvaluation(p.post, rules, { now: new Date(p.now) });
  const { checklist, values } = evaluation;
  const region = checklist.region.value ?? null;
  const launchTime = values.launch ? (readDate(values.launch.value, new Date(p.now), rules.dates)?.time ?? null) : null;
  const reading = values.schedule ? readSchedule(values.schedule.value, rules.schedule, launchTime) : null;
  const schedule =
    reading?.kind === 'monthly' && 'ordinal' in reading.schedule
      ? {
          ordinal: reading.schedule.ordinal,
          weekday: reading.schedule.weekday,
          hour: reading.schedule.hour,
          minute: reading.schedule.minute,
        }
      : null;
  return {
    region: region !== null && regionKey(region, rules.region) === regionKey(p.expect.region, rules.region),
    venueKind: (checklist.venue.kind ?? null) === p.expect.venueKind,
    launchDate: (checklist.launchDate.value ?? null) === p.expect.launchDate,
    schedule: JSON.stringify(schedule) === JSON.stringify(p.expect.schedule),
  };
}

/** Share of proposals read right, per field. */
export function proposalAccuracy(
  set: readonly LabelledProposal[],
  rules: CompiledRules,
): Record<ProposalField, number> & { count: number } {
  const right = { region: 0, venueKind: 0, launchDate: 0, schedule: 0 };
  for (const p of set) {
    const read = readProposalFields(p, rules);
    for (const f of PROPOSAL_FIELDS) if (read[f]) right[f]++;
  }
  const n = set.length || 1;
  return {
    count: set.length,
    region: right.region / n,
    venueKind: right.venueKind / n,
    launchDate: right.launchDate / n,
    schedule: right.schedule / n,
  };
}
