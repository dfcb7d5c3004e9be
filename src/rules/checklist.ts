import type { GeneratedData } from '../config/generated.js';
import type { RulesConfig } from '../config/rules-config.js';
import { cityNames, countryCode } from './places.js';
import {
  interestCriterion,
  interestedPeople,
  countedPosts,
  type InterestCriterion,
  type InterestReason,
  type InterestedPerson,
} from './interest.js';
import { replyReader, type ReplyReader } from './reply.js';
import {
  dateLexicon,
  dayOrderOf,
  daysUntil,
  launchDateCriterion,
  readDate,
  saysUndecided,
  type DateLexicon,
  type DateReading,
  type DayOrder,
  type LaunchDateCriterion,
  type LaunchDateReason,
} from './launch-date.js';
import { clockLexicon } from './time-of-day.js';
import {
  namedOrganisers,
  organisersCriterion,
  type NamedOrganisers,
  type OrganisersCriterion,
  type OrganisersReason,
  type UserProfile,
} from './organisers.js';
import {
  isOnline,
  regionCriterion,
  regionFromTitle,
  regionLexicon,
  regionName,
  regionFromProse,
  townIn,
  type RegionCriterion,
  type RegionFacts,
  type RegionLexicon,
  type RegionReason,
} from './region.js';
import {
  monthlyDayOf,
  readSchedule,
  sameMonthlyDay,
  scheduleCriterion,
  scheduleLexicon,
  type ScheduleCriterion,
  type ScheduleLexicon,
  type ScheduleReason,
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
import { proposalLexicon, type ProposalLexicon } from './proposal-words.js';
import { venueCriterion, venueLexicon, type VenueCriterion, type VenueLexicon, type VenueReason } from './venue.js';

/** The six criteria of docs/spec/rules.md, each read by its own file. */
export interface Checklist {
  interest: InterestCriterion;
  region: RegionCriterion;
  organisers: OrganisersCriterion;
  venue: VenueCriterion;
  launchDate: LaunchDateCriterion;
  schedule: ScheduleCriterion;
}

export type CriterionReason =
  InterestReason | RegionReason | OrganisersReason | VenueReason | LaunchDateReason | ScheduleReason;

export const CRITERIA = ['interest', 'region', 'organisers', 'venue', 'launchDate', 'schedule'] as const;

/** Everything the rules need from configuration, compiled once. */
export interface CompiledRules {
  config: RulesConfig;
  /** Words that make a watched topic a proposal, in its title or first post. */
  keywords: PhraseSet;
  /** Words of a sentence that founds a group, and of the category's other threads. */
  proposal: ProposalLexicon;
  /** How a reply is read: yes, no, nothing, or unsure. */
  replies: ReplyReader;
  labels: LabelIndex;
  region: RegionLexicon;
  venue: VenueLexicon;
  schedule: ScheduleLexicon;
  dates: DateLexicon;
  ignoredUsernames: Set<string>;
  selfWords: Set<string>;
  personalDomains: Set<string>;
}

/**
 * The rules compiled once: the rules file's lists, the service's own username (its posts never
 * count), and the generated data they read with (config/generated.ts).
 */
export function compileRules(config: RulesConfig, ownUsername: string, generated: GeneratedData): CompiledRules {
  const proposalWords = allLanguages(config.proposal.keywords);
  const dates = dateLexicon(
    config.launchDate,
    clockLexicon(config.schedule),
    Object.values(config.schedule.weekdays).flat(),
  );
  const schedule = scheduleLexicon(config.schedule, dates);
  const venue = venueLexicon(config.venue);
  // The community's name beside a town names the group, as the template's words do ("Mautic Zürich").
  const region = regionLexicon(
    config.region,
    cityNames(generated.places),
    [...proposalWords, config.community.name],
    config.launchDate.locales,
    [config.category.nameTemplate, config.category.onlineNameTemplate],
    [...dates.months.keys(), ...schedule.weekdayOf.keys()],
  );
  return {
    config,
    keywords: new PhraseSet(proposalWords),
    proposal: proposalLexicon(config.proposal),
    replies: replyReader(config.interest, generated.replyModel),
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
export interface ForumFacts extends RegionFacts {
  now: Date;
  /**
   * The name of the per-country category the thread is in, when it is in one: how numbered dates
   * are written there ("11/10" is November 10th in the United States).
   */
  country?: string | null;
  /** Profiles of people named as organisers, by lower-case username, when known. */
  profiles: Readonly<Record<string, UserProfile>>;
  /** The forum's base URL, for links in details. */
  forumUrl: string;
}

export interface Evaluation {
  checklist: Checklist;
  interested: InterestedPerson[];
  /** People whose replies speak of coming but could not be read as a yes or a no. */
  unsure: InterestedPerson[];
  ready: boolean;
  online: boolean;
  /** The template values read, for the category description and the approval message. */
  values: TemplateValues;
}

/** Posts that never count: the service's own, and those of the configured bots. */
function ignoredBy(rules: CompiledRules) {
  return (p: Pick<PostState, 'username' | 'own'>) => p.own || rules.ignoredUsernames.has(p.username.toLowerCase());
}

/** The posts that count, the thread's author, every post's template lines, and the organisers they name. */
function readOrganisers(view: ThreadView, rules: CompiledRules) {
  const posts = countedPosts(view, ignoredBy(rules));
  const authorId = view.author?.id ?? posts.find((p) => p.number === 1)?.userId ?? null;
  const parsed = templatePosts(posts, rules.labels, rules.config.template.maxValueLength);
  // Organisers may only be named by the author or staff.
  const byOwner = readTemplate(parsed, (p) => p.userId === authorId || p.staff);
  let named: NamedOrganisers | null = null;
  if (byOwner.organisers) {
    const writer = posts.find((p) => p.number === byOwner.organisers!.post)!;
    named = namedOrganisers(
      byOwner.organisers.value,
      { userId: writer.userId, username: writer.username },
      posts,
      rules.selfWords,
    );
  }
  return { posts, authorId, parsed, named };
}

/**
 * The usernames a thread names as its organisers, confirmed or not: whose profiles the
 * same-company check needs. Reads the template lines only, not the whole checklist.
 */
export function namedOrganiserUsernames(view: ThreadView, rules: CompiledRules): string[] {
  return readOrganisers(view, rules).named?.users.map((u) => u.username) ?? [];
}

/**
 * The six criteria of docs/spec/rules.md for one thread. A pure function of the snapshot and the
 * forum facts: the same posts in any order, any number of times, give the same result.
 */
export function evaluateChecklist(view: ThreadView, rules: CompiledRules, facts: ForumFacts): Evaluation {
  const { posts, authorId, parsed, named } = readOrganisers(view, rules);
  const maxLen = rules.config.template.maxValueLength;
  const organiserIds = new Set(named?.users.map((u) => u.userId) ?? []);
  // Named organisers may set the other fields, beside the author and staff.
  const values = readTemplate(parsed, (p, field: TemplateField) =>
    field === 'organisers'
      ? p.userId === authorId || p.staff
      : p.userId === authorId || p.staff || organiserIds.has(p.userId),
  );

  const { interested, unsure } = interestedPeople(view, rules.replies, {
    countAuthor: rules.config.interest.countAuthor,
    countFirstPostLikes: rules.config.interest.countFirstPostLikes,
    ignored: ignoredBy(rules),
  });

  const firstPost = posts.find((p) => p.number === 1 && p.userId === authorId);
  const titleRegion = regionFromTitle(view.title, rules.region);
  // The town of a venue's address stands for the region only when the title names none: "Mautic Ruhrgebiet"
  // meets in an office in Bochum, and is the Ruhrgebiet's group.
  const fromAddress =
    values.region !== undefined &&
    values.venue?.post === values.region.post &&
    townIn(values.venue.value, rules.region) === values.region.value;
  const regionText =
    values.region && !(fromAddress && titleRegion !== null)
      ? regionName(values.region.value, rules.region)
      : (titleRegion ?? (firstPost ? regionFromProse(ownWords(firstPost.raw), rules.region, rules.keywords) : null));
  const online = regionText !== null && isOnline(regionText, rules.region);
  const order = dayOrder(facts.country ?? null, rules);
  if (firstPost) Object.assign(values, fromProse(values, firstPost, rules, facts.now, order));
  // Read once: the launch criterion takes its date, a slot "at the same time" its time.
  const launchRead = values.launch ? readDate(values.launch.value, facts.now, rules.dates, order) : null;
  const launch = launchDateCriterion(values.launch, launchRead, facts.now, rules.config.launchDate.minDaysAhead);
  const checklist: Checklist = {
    interest: interestCriterion(interested, rules.config.interest.minPeople),
    region: regionCriterion(regionText, values.region?.post ?? 1, online, rules.region, facts, view.topicId),
    organisers: organisersCriterion(
      named,
      values.organisers?.post ?? null,
      posts,
      authorId,
      facts.profiles,
      rules.personalDomains,
    ),
    venue: venueCriterion(values.venue, firstPost?.raw ?? null, online, rules.venue, maxLen),
    launchDate: launch,
    schedule: scheduleCriterion(values.schedule, rules.schedule, facts.now, launch.value, launchRead?.time ?? null),
  };
  const ready = CRITERIA.every((c) => checklist[c].status === 'met' || checklist[c].status === 'warning');
  return { checklist, interested, unsure, ready, online, values };
}

/** How numbered dates are written in the thread's country category: day first unless it says otherwise. */
export function dayOrder(country: string | null, rules: CompiledRules): DayOrder {
  const locales = rules.config.launchDate.locales;
  return dayOrderOf(country === null ? null : countryCode(country, locales), locales);
}

// Sentences of a first post read for a date or a monthly slot: more would read the whole thread's prose.
const MAX_PROSE_SENTENCES = 40;

// A dot after a day's number is an ordinal ("4. März"), not the end of a sentence; after a time's
// minutes ("18:00.") or a numbered date ("6/15.") it ends one.
const SENTENCE_END = /(?<=[.!?])(?<!(?:^|[^\d:./])\d{1,2}\.)\s+|\n+/;
// A short word's dot before a small letter or a number abbreviates it: "6 p. m.", "godz. 19", "ca. 20".
const ABBREVIATED = /(?:^|[^\p{L}])\p{L}{1,4}\.$/u;

/** The sentences of a text, as the prose readers take them. */
function sentencesOf(text: string): string[] {
  const out: string[][] = [];
  for (const piece of text.split(SENTENCE_END)) {
    const last = out.at(-1);
    if (last !== undefined && ABBREVIATED.test(last.at(-1)!.slice(-6)) && /^[\p{Ll}\d]/u.test(piece)) last.push(piece);
    else out.push([piece]);
  }
  return out.map((pieces) => pieces.join(' '));
}

/**
 * The launch date and the monthly slot a first post names in its prose when no line labels
 * them. The launch: of the sentences with a future date, the first whose date follows a word of
 * starting or of the first meeting ("Das erste Treffen wäre am 4. März 2027"), else the first;
 * a past date is what happened, a date only in brackets an aside ("Koningsdag (27 april)"), and a
 * sentence that says the date is not set yet ("rien de fixé") names none. The slot: the first
 * sentence that names a monthly day ("then every first Thursday of the month at 19:00"), or a
 * later one that names the same day with its time.
 */
function fromProse(
  values: TemplateValues,
  post: PostState,
  rules: CompiledRules,
  now: Date,
  order: DayOrder,
): TemplateValues {
  if (values.launch && values.schedule) return {};
  const out: TemplateValues = {};
  const max = rules.config.template.maxValueLength;
  const sentences = sentencesOf(ownWords(post.raw))
    .map((s) => s.trim().slice(0, max))
    .filter((s) => s !== '')
    .slice(0, MAX_PROSE_SENTENCES);
  const field = (text: string) => ({ value: text, post: post.number, username: post.username });
  let launchTime = values.launch ? (readDate(values.launch.value, now, rules.dates, order)?.time ?? null) : null;
  if (!values.launch) {
    const dated: Array<{ text: string; date: DateReading }> = [];
    for (const text of sentences) {
      const date = readDate(text, now, rules.dates, order);
      if (date && !date.aside && daysUntil(date.date, now) >= 0 && !saysUndecided(text, rules.dates))
        dated.push({ text, date });
    }
    const launch = dated.find((d) => d.date.cued) ?? dated[0];
    if (launch) {
      out.launch = field(launch.text);
      launchTime = launch.date.time;
    }
  }
  if (!values.schedule) {
    // A slot said first without its time may be said again further on with it.
    const slots = sentences.flatMap((text) => {
      const reading = readSchedule(text, rules.schedule, launchTime);
      const day = monthlyDayOf(reading);
      return day === null ? [] : [{ text, day, timed: reading.kind === 'monthly' }];
    });
    const first = slots[0];
    if (first) {
      const timed = first.timed ? first : slots.find((s) => s.timed && sameMonthlyDay(s.day, first.day));
      out.schedule = field((timed ?? first).text);
    }
  }
  return out;
}
