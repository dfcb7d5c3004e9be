import type { RulesConfig } from '../config/rules-config.js';
import {
  interestedPeople,
  interestLexicon,
  countedPosts,
  type InterestLexicon,
  type InterestedPerson,
} from './interest.js';
import { dateLexicon, daysUntil, readDate, type CalendarDate, type DateLexicon } from './launch-date.js';
import { companyOf, namedOrganisers, type UserProfile } from './organisers.js';
import {
  isOnline,
  regionFromTitle,
  regionKey,
  regionLexicon,
  regionName,
  regionFromProse,
  sameRegion,
  type RegionLexicon,
} from './region.js';
import {
  describeSchedule,
  fallsOn,
  missingInSomeMonths,
  nextDates,
  readSchedule,
  scheduleLexicon,
  type ScheduleLexicon,
} from './schedule.js';
import type { PostState, ThreadView } from './snapshot.js';
import {
  labelIndex,
  readTemplate,
  templatePosts,
  type LabelIndex,
  type TemplateField,
  type TemplateValues,
} from './template.js';
import { allLanguages, ownWords, PhraseSet, wordSet } from '../words/text.js';
import { hasAddress, readVenue, venueLexicon, venueSentence, type VenueKind, type VenueLexicon } from './venue.js';
import type {
  CriterionReason,
  InterestReason,
  LaunchDateReason,
  OrganisersReason,
  RegionReason,
  ScheduleReason,
  ScheduleWarning,
  VenueReason,
} from './reasons.js';

export type CriterionStatus = 'met' | 'warning' | 'missing' | 'blocked';

export interface Criterion<V = undefined, R extends CriterionReason = CriterionReason> {
  status: CriterionStatus;
  /** One English sentence, for the JSON API and the command line. */
  detail: string;
  /** The same in machine form, for the texts to say in each language. */
  reason: R;
  posts: number[];
  value?: V;
}

export interface Checklist {
  interest: Criterion<undefined, InterestReason>;
  region: Criterion<string, RegionReason>;
  organisers: Criterion<string[], OrganisersReason>;
  venue: Criterion<string, VenueReason> & { kind?: VenueKind };
  launchDate: Criterion<string, LaunchDateReason>;
  schedule: Criterion<{ rrule: string; next: string[] }, ScheduleReason>;
}

export const CRITERIA = ['interest', 'region', 'organisers', 'venue', 'launchDate', 'schedule'] as const;

/** Everything the rules need from configuration, compiled once. */
export interface CompiledRules {
  config: RulesConfig;
  /** Words that make a watched topic a proposal, in its title or first post. */
  keywords: PhraseSet;
  interest: InterestLexicon;
  labels: LabelIndex;
  region: RegionLexicon;
  venue: VenueLexicon;
  schedule: ScheduleLexicon;
  dates: DateLexicon;
  ignoredUsernames: Set<string>;
  selfWords: Set<string>;
  personalDomains: Set<string>;
}

export function compileRules(config: RulesConfig, ownUsername: string): CompiledRules {
  const proposalWords = allLanguages(config.proposal.keywords);
  const dates = dateLexicon(config.launchDate.locales, config.launchDate.fillers);
  const schedule = scheduleLexicon(config.schedule, dates);
  const venue = venueLexicon(config.venue);
  // The community's name beside a town names the group, as the template's words do ("Mautic Zürich").
  const region = regionLexicon(config.region, [...proposalWords, config.community.name], config.launchDate.locales, [
    config.category.nameTemplate,
    config.category.onlineNameTemplate,
  ]);
  return {
    config,
    keywords: new PhraseSet(proposalWords),
    interest: interestLexicon(config.interest),
    labels: labelIndex(config.template, dates, schedule, venue, region),
    region,
    venue,
    schedule,
    dates,
    ignoredUsernames: new Set([...config.forum.ignoredUsernames, ownUsername].map((u) => u.toLowerCase())),
    selfWords: wordSet(config.organisers.selfWords),
    personalDomains: new Set(config.organisers.personalDomains.map((d) => d.toLowerCase())),
  };
}

/** What the rules know of the forum beyond the thread. */
export interface ForumFacts {
  now: Date;
  /** Existing subcategories of the meetups category. */
  meetups: ReadonlyArray<{ name: string; url: string }>;
  /** Names of the per-country subcategories of the watched category: a country is not a region. */
  countries: readonly string[];
  /** Other proposals awaiting approval or approved, with their region. */
  otherProposals: ReadonlyArray<{ topicId: number; url: string; region: string | null; online: boolean }>;
  /** Profiles of people named as organisers, by lower-case username, when known. */
  profiles: Readonly<Record<string, UserProfile>>;
  /** The forum's base URL, for links in details. */
  forumUrl: string;
}

export interface Evaluation {
  checklist: Checklist;
  interested: InterestedPerson[];
  ready: boolean;
  online: boolean;
  /** The template values read, for the category description and the approval message. */
  values: TemplateValues;
}

/**
 * The six criteria of docs/spec/rules.md for one thread. A pure function of the snapshot and the
 * forum facts: the same posts in any order, any number of times, give the same result.
 */
export function evaluateChecklist(view: ThreadView, rules: CompiledRules, facts: ForumFacts): Evaluation {
  const ignored = (p: Pick<PostState, 'username' | 'own'>) =>
    p.own || rules.ignoredUsernames.has(p.username.toLowerCase());
  const posts = countedPosts(view, ignored);
  const authorId = view.author?.id ?? posts.find((p) => p.number === 1)?.userId ?? null;
  const maxLen = rules.config.template.maxValueLength;

  // Organisers may only be named by the author or staff; named organisers may then set the other fields.
  const parsed = templatePosts(posts, rules.labels, maxLen);
  const byOwner = readTemplate(parsed, (p) => p.userId === authorId || p.staff);
  const organiserIds = new Set<number>();
  let named: ReturnType<typeof namedOrganisers> | null = null;
  if (byOwner.organisers) {
    const writer = posts.find((p) => p.number === byOwner.organisers!.post)!;
    named = namedOrganisers(
      byOwner.organisers.value,
      { userId: writer.userId, username: writer.username },
      posts,
      rules.selfWords,
    );
    for (const u of named.users) organiserIds.add(u.userId);
  }
  const values = readTemplate(parsed, (p, field: TemplateField) =>
    field === 'organisers'
      ? p.userId === authorId || p.staff
      : p.userId === authorId || p.staff || organiserIds.has(p.userId),
  );

  const interested = interestedPeople(view, rules.interest, {
    countAuthor: rules.config.interest.countAuthor,
    countFirstPostLikes: rules.config.interest.countFirstPostLikes,
    ignored,
  });

  const firstPost = posts.find((p) => p.number === 1 && p.userId === authorId);
  const regionText = values.region
    ? regionName(values.region.value, rules.region)
    : (regionFromTitle(view.title, rules.region) ??
      (firstPost ? regionFromProse(ownWords(firstPost.raw), rules.region, rules.keywords) : null));
  const online = regionText !== null && isOnline(regionText, rules.region);
  if (firstPost) Object.assign(values, fromProse(values, firstPost, rules, facts.now));
  // Read once: the launch criterion takes its date, a slot "at the same time" its time.
  const launchRead = values.launch ? readDate(values.launch.value, facts.now, rules.dates) : null;
  const launch = launchDate(values, launchRead, rules, facts);
  const schedule = scheduleCriterion(values, rules, facts, launch.value, launchRead?.time ?? null);
  const checklist: Checklist = {
    interest: interestCriterion(interested, rules.config.interest.minPeople),
    region: regionCriterion(regionText, values.region?.post ?? 1, online, rules, facts, view.topicId),
    organisers: organisersCriterion(named, values.organisers?.post ?? null, posts, authorId, rules, facts),
    venue: venueCriterion(values, posts, online, rules),
    launchDate: launch,
    schedule,
  };
  const ready = CRITERIA.every((c) => checklist[c].status === 'met' || checklist[c].status === 'warning');
  return { checklist, interested, ready, online, values };
}

// Sentences of a first post read for a date or a monthly slot: more would read the whole thread's prose.
const MAX_PROSE_SENTENCES = 40;

/**
 * The launch date and the monthly slot a first post names in its prose when no line labels
 * them: the sentence with the first future calendar date ("Das erste Treffen wäre am
 * 4. März 2027"), and the first sentence that reads as a monthly slot with its time ("then
 * every first Thursday of the month at 19:00"). A past date is what happened, not the launch.
 */
function fromProse(values: TemplateValues, post: PostState, rules: CompiledRules, now: Date): TemplateValues {
  if (values.launch && values.schedule) return {};
  const out: TemplateValues = {};
  const max = rules.config.template.maxValueLength;
  // A dot after a day's number is an ordinal ("4. März"), not the end of a sentence.
  const sentences = ownWords(post.raw)
    .split(/(?<=[.!?])(?<!\b\d{1,2}\.)\s+|\n+/)
    .slice(0, MAX_PROSE_SENTENCES);
  let launchTime = values.launch ? (readDate(values.launch.value, now, rules.dates)?.time ?? null) : null;
  for (const sentence of sentences) {
    const text = sentence.trim().slice(0, max);
    if (text === '') continue;
    if (!values.launch && !out.launch) {
      const date = readDate(text, now, rules.dates);
      if (date && daysUntil(date.date, now) >= 0) {
        out.launch = { value: text, post: post.number, username: post.username };
        launchTime = date.time;
      }
    }
    if (!values.schedule && !out.schedule && readSchedule(text, rules.schedule, launchTime).kind === 'monthly')
      out.schedule = { value: text, post: post.number, username: post.username };
  }
  return out;
}

function interestCriterion(people: InterestedPerson[], min: number): Checklist['interest'] {
  const posts = [...new Set(people.map((p) => p.post).filter((n): n is number => n !== null))].sort((a, b) => a - b);
  const count = people.length;
  if (count >= min)
    return { status: 'met', detail: `${count} people are interested.`, reason: { code: 'enough', count }, posts };
  const more = min - count;
  return {
    status: 'missing',
    reason: { code: 'more_needed', count, needed: more },
    detail: `${count} ${count === 1 ? 'person is' : 'people are'} interested so far; ${more} more needed (reply "count me in" or like the first post).`,
    posts,
  };
}

function regionCriterion(
  text: string | null,
  post: number,
  online: boolean,
  rules: CompiledRules,
  facts: ForumFacts,
  topicId: number,
): Checklist['region'] {
  if (text === null)
    return {
      status: 'missing',
      detail: 'Say which town or region the meetup is for, e.g. "Region: Berlin".',
      reason: { code: 'missing' },
      posts: [],
    };
  const key = regionKey(text, rules.region);
  if (online) {
    const twin = facts.otherProposals.find(
      (p) => p.online && p.topicId !== topicId && sameRegion(regionKey(p.region ?? '', rules.region), key),
    );
    return {
      status: twin ? 'warning' : 'met',
      detail: twin
        ? `An online meetup; another online proposal looks similar (${twin.url}), moderators will compare them.`
        : 'An online meetup: no regional limit.',
      reason: twin ? { code: 'online_twin', url: twin.url } : { code: 'online' },
      posts: [post],
      value: text,
    };
  }
  if (key === '')
    return {
      status: 'missing',
      detail: 'The region could not be read; write the town, e.g. "Region: Berlin".',
      reason: { code: 'unreadable' },
      posts: [post],
      value: text,
    };
  if (rules.region.countries.has(key) || facts.countries.some((c) => regionKey(c, rules.region) === key)) {
    return {
      status: 'blocked',
      detail: 'That is a whole country; meetups are per town or region, so name the town.',
      reason: { code: 'country' },
      posts: [post],
      value: text,
    };
  }
  const meetup = facts.meetups.find((m) => sameRegion(regionKey(m.name, rules.region), key));
  if (meetup)
    return {
      status: 'blocked',
      detail: `An existing meetup already covers this place: ${meetup.url}`,
      reason: { code: 'covered', name: meetup.name, url: meetup.url },
      posts: [post],
      value: text,
    };
  const other = facts.otherProposals.find(
    (p) =>
      !p.online && p.topicId !== topicId && p.region !== null && sameRegion(regionKey(p.region, rules.region), key),
  );
  if (other)
    return {
      status: 'blocked',
      detail: `Another proposal for this place is further along: ${other.url}`,
      reason: { code: 'other_proposal', url: other.url },
      posts: [post],
      value: text,
    };
  return {
    status: 'met',
    detail: 'The region is clear and no existing meetup covers it.',
    reason: { code: 'clear' },
    posts: [post],
    value: text,
  };
}

function organisersCriterion(
  named: ReturnType<typeof namedOrganisers> | null,
  post: number | null,
  posts: readonly PostState[],
  authorId: number | null,
  rules: CompiledRules,
  facts: ForumFacts,
): Checklist['organisers'] {
  if (!named || post === null) {
    return {
      status: 'missing',
      detail: 'Name two organisers, e.g. "Organisers: @alice @bob"; each of them replies here to confirm.',
      reason: { code: 'none_named' },
      posts: [],
    };
  }
  const confirmed = named.users.filter((u) => u.userId === authorId || posts.some((p) => p.userId === u.userId));
  const value = confirmed.map((u) => u.username);
  const postsRead = [post, ...posts.filter((p) => confirmed.some((u) => u.userId === p.userId)).map((p) => p.number)];
  const uniquePosts = [...new Set(postsRead)].sort((a, b) => a - b).slice(0, 10);
  if (confirmed.length < 2) {
    const problem = named.unknown.length > 0 ? ` (not found among people in this thread: ${named.unknown.length})` : '';
    return {
      status: 'missing',
      detail: `${confirmed.length} of 2 organisers named and in the thread${problem}; each organiser must post here themselves.`,
      reason: { code: 'too_few', waiting: named.unknown.map((username) => ({ username, posted: false })) },
      posts: uniquePosts,
      value,
    };
  }
  const [a, b] = confirmed;
  const ca = companyOf(facts.profiles[a!.username.toLowerCase()], rules.personalDomains);
  const cb = companyOf(facts.profiles[b!.username.toLowerCase()], rules.personalDomains);
  if (ca !== null && ca === cb) {
    return {
      status: 'warning',
      detail: 'Both organisers seem to work for the same company; the guideline prefers two companies.',
      reason: { code: 'same_company' },
      posts: uniquePosts,
      value,
    };
  }
  return {
    status: 'met',
    detail: 'Two organisers from the community have confirmed in the thread.',
    reason: { code: 'confirmed' },
    posts: uniquePosts,
    value,
  };
}

function venueCriterion(
  values: TemplateValues,
  posts: readonly PostState[],
  online: boolean,
  rules: CompiledRules,
): Checklist['venue'] {
  if (online)
    return {
      status: 'met',
      detail: 'An online meetup needs no venue.',
      reason: { code: 'online' },
      posts: [],
      value: 'online',
      kind: 'community_space',
    };
  let text = values.venue?.value ?? null;
  let post = values.venue?.post ?? null;
  if (text === null) {
    const first = posts.find((p) => p.number === 1);
    const sentence = first ? venueSentence(first.raw, rules.venue, rules.config.template.maxValueLength) : null;
    if (sentence) {
      text = sentence;
      post = 1;
    }
  }
  const noVenue: Checklist['venue'] = {
    status: 'missing',
    detail: 'Name a confirmed venue: an office or a community space, e.g. "Venue: Acme office, Main St 1 (office)".',
    reason: { code: 'missing' },
    posts: [],
  };
  if (text === null || post === null) return noVenue;
  const reading = readVenue(text, rules.venue);
  // "Venue: TBC, still talking to a couple of places" names no place: the venue is still missing.
  if (!reading.confirmed && reading.kind === 'unknown' && !hasAddress(text)) return noVenue;
  const base = { posts: [post], value: text, kind: reading.kind };
  if (reading.kind === 'bar')
    return {
      ...base,
      status: 'blocked',
      detail: 'Meetups are not held in bars or pubs; find an office or a community space.',
      reason: { code: 'bar' },
    };
  if (reading.mixed)
    return {
      ...base,
      status: 'missing',
      detail: 'The venue mentions both a workplace and a bar; say which kind of place the meetup is in.',
      reason: { code: 'mixed' },
    };
  if (reading.kind === 'unknown') {
    return {
      ...base,
      status: 'missing',
      detail: 'Say what kind of place the venue is, e.g. "(office)" or "(co-working space)".',
      reason: { code: 'unknown_kind' },
    };
  }
  if (!reading.confirmed)
    return {
      ...base,
      status: 'missing',
      detail: 'The venue is not confirmed yet; update it once the host has agreed.',
      reason: { code: 'unconfirmed' },
    };
  return {
    ...base,
    status: 'met',
    detail: reading.kind === 'office' ? 'A confirmed office venue.' : 'A confirmed community space.',
    reason: { code: 'confirmed', kind: reading.kind },
  };
}

function launchDate(
  values: TemplateValues,
  read: CalendarDate | null,
  rules: CompiledRules,
  facts: ForumFacts,
): Checklist['launchDate'] {
  const field = values.launch;
  if (!field)
    return {
      status: 'missing',
      detail: 'Give a date for the first meetup, e.g. "Launch: 2027-03-05".',
      reason: { code: 'missing' },
      posts: [],
    };
  if (!read)
    return {
      status: 'missing',
      detail: 'The launch date could not be read; write it like 2027-03-05.',
      reason: { code: 'unreadable' },
      posts: [field.post],
    };
  const days = daysUntil(read.date, facts.now);
  const base = { posts: [field.post], value: read.date };
  if (days < 0)
    return {
      ...base,
      status: 'blocked',
      detail: 'The launch date is in the past; pick a new one.',
      reason: { code: 'past' },
    };
  const min = rules.config.launchDate.minDaysAhead;
  if (days < min)
    return {
      ...base,
      status: 'warning',
      detail: `The launch is ${days} days away; the guideline suggests at least ${min} days to prepare.`,
      reason: { code: 'soon', days, minDays: min },
    };
  return { ...base, status: 'met', detail: `The launch is ${days} days away.`, reason: { code: 'ahead', days } };
}

function scheduleCriterion(
  values: TemplateValues,
  rules: CompiledRules,
  facts: ForumFacts,
  launch: string | undefined,
  launchTime: string | null,
): Checklist['schedule'] {
  const field = values.schedule;
  if (!field)
    return {
      status: 'missing',
      detail: 'Propose a monthly day and time, e.g. "Monthly: first Friday of each month at 18:00".',
      reason: { code: 'missing' },
      posts: [],
    };
  const reading = readSchedule(field.value, rules.schedule, launchTime);
  const posts = [field.post];
  switch (reading.kind) {
    case 'no_day':
      return {
        status: 'missing',
        detail:
          'Say which day each month, e.g. "first Friday of each month at 18:00" or "the 15th of each month at 18:00".',
        reason: { code: 'no_day' },
        posts,
      };
    case 'not_monthly':
      return {
        status: 'missing',
        detail: 'That reads as weekly; say which one each month, e.g. "first Friday of each month".',
        reason: { code: 'weekly' },
        posts,
      };
    case 'no_time':
      return {
        status: 'missing',
        detail: 'Add a time to the monthly day, e.g. "at 18:00".',
        reason: { code: 'no_time', day: reading.day },
        posts,
      };
    case 'monthly': {
      const s = reading.schedule;
      const today = facts.now.toISOString().slice(0, 10);
      const from = launch !== undefined && launch > today ? launch : today;
      const next = nextDates(s.rrule, from, 3);
      const value = { rrule: s.rrule, next };
      const when = `${describeSchedule(s)}; next: ${next.map((d) => d.replace('T', ' ')).join(', ')}.`;
      const offDay = launch !== undefined && launch >= today && !fallsOn(s.rrule, launch);
      const day = 'monthDay' in s ? { monthDay: s.monthDay } : { ordinal: s.ordinal, weekday: s.weekday };
      const reason = (warning: ScheduleWarning | null): ScheduleReason => ({
        code: 'monthly',
        day,
        hour: s.hour,
        minute: s.minute,
        warning,
      });
      if (s.ambiguous)
        return {
          status: 'warning',
          detail: `Read as ${when} If you meant every other week, say so.`,
          reason: reason('ambiguous'),
          posts,
          value,
        };
      const gap = missingInSomeMonths(s);
      if (gap)
        return { status: 'warning', detail: `Read as ${when} ${gap}`, reason: reason('some_months'), posts, value };
      if (offDay)
        return {
          status: 'warning',
          detail: `Read as ${when} The launch date is not one of these days.`,
          reason: reason('off_launch'),
          posts,
          value,
        };
      return { status: 'met', detail: `Read as ${when}`, reason: reason(null), posts, value };
    }
  }
}
