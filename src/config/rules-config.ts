import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { Duration } from 'luxon';
import { z } from 'zod';
import { ConfigError } from './env.js';
import { BASE_LANGUAGE, checkTexts } from './locales.js';
import {
  clockSchema,
  cuesSchema,
  grammarSchema,
  readingFileSchema,
  languagesAsConfig,
  messageTreeSchema,
  oneWordList,
  type LanguageFile,
} from './language-file.js';

/** A category named by id, slug or name: operators copy whichever they see in the forum. */
const categoryRef = z.union([z.number().int().positive(), z.string().min(1)]);

const wordsByLanguage = z.record(z.string().min(2).max(8), z.array(z.string().min(1).max(80)));

const oneWordByLanguage = z.record(z.string().min(2).max(8), oneWordList);

/** A language as its file is named (config/languages/de/ is "de"). */
const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language code such as "de" or "pt-BR"');

/** An IANA time zone that this Node knows, such as "Europe/Berlin". */
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { error: (issue) => `"${String(issue.input)}" is no time zone; expected one such as "Europe/Berlin"` },
);

/**
 * An ISO 8601 duration ("P30D", "PT20S"), kept as written for the docs and read in
 * milliseconds with durationMs. Days are 24 hours; months and years are refused, since
 * their length depends on when they start.
 */
const isoDuration = z.string().refine((text) => durationMsOrNull(text) !== null, {
  error: (issue) =>
    `"${String(issue.input)}" is no duration; expected an ISO 8601 one in weeks, days, hours, minutes or seconds, such as "P30D" or "PT20S"`,
});

function durationMsOrNull(text: string): number | null {
  const d = Duration.fromISO(text);
  if (!d.isValid || d.years !== 0 || d.quarters !== 0 || d.months !== 0) return null;
  const ms = d.as('milliseconds');
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/** A duration setting in milliseconds; the schema let through only durations it can read. */
export function durationMs(text: string): number {
  const ms = durationMsOrNull(text);
  if (ms === null) throw new ConfigError(`"${text}" is no ISO 8601 duration`);
  return ms;
}

/**
 * config/default.json: everything a community may want to change without code.
 * Defaults make a partial file valid, so another forum's config only names what differs.
 */
export const rulesConfigSchema = z.strictObject({
  community: z
    .strictObject({
      name: z
        .string()
        .min(1)
        .max(60)
        .default('Mautic')
        .describe(
          "The community's name, as the texts and the category names say it: `{community}` in a message or a category template.",
        ),
      portal: z
        .strictObject({
          name: z.string().min(1).max(80),
          url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
        })
        .nullable()
        .default({ name: 'Mautic Community Portal', url: 'https://community.mautic.org' })
        .describe(
          'Where an official group is also made by hand, with its `name` and `url`; once a meetup opens, the moderators get a to-do for it. `null` for a community without one: no to-do.',
        ),
    })
    .prefault({}),
  forum: z
    .strictObject({
      watchedCategory: categoryRef
        .default('International - By Country')
        .describe(
          "The category whose topics (and its subcategories' topics: one per country) are read as proposals; by id, slug or name.",
        ),
      meetupsCategory: categoryRef
        .default('Mautic Meetups')
        .describe('The category under which each approved meetup gets its subcategory; by id, slug or name.'),
      proposalTag: z
        .string()
        .min(1)
        .default('meetup')
        .describe('A tag that makes a watched topic a proposal whatever its words.'),
      ignoredUsernames: z
        .array(z.string().min(1))
        .default(['system', 'discobot'])
        .describe("Users whose posts never count; the service's own user (`DISCOURSE_API_USERNAME`) is added to them."),
      categoryRefreshMinutes: z
        .number()
        .int()
        .min(1)
        .default(60)
        .describe('How long the category tree is kept before it is read again (a category event reads it at once).'),
      approverGroups: z
        .array(z.string().min(1))
        .default(['moderators'])
        .describe(
          'Groups whose members (and staff) may approve, reject or reopen a proposal, and who get the approval message.',
        ),
      requestsPerMinute: z
        .number()
        .int()
        .min(1)
        .max(600)
        .default(50)
        .describe(
          "Forum calls a minute, for every process together: the forum's admin API limit (60 a minute) is shared by every admin key of the site, so stay below it.",
        ),
      requestTimeoutSeconds: z
        .number()
        .min(1)
        .max(120)
        .default(15)
        .describe('How long one forum call may take before it is given up and retried.'),
      maxPostLength: z
        .number()
        .int()
        .min(2000)
        .default(32000)
        .describe(
          "The forum's `max_post_length` site setting: it refuses longer posts, so the overview and the digest shorten their lists to fit.",
        ),
    })
    .prefault({}),
  proposal: z
    .strictObject({
      keywords: wordsByLanguage
        .default({})
        .describe(
          "Words that make a watched topic a proposal when its title or first post uses one. From the language folders; a list here replaces that language's.",
        ),
      groups: wordsByLanguage
        .default({})
        .describe('Group words: a sentence with one and a founding word founds a group ("create a Mautic group").'),
      founding: wordsByLanguage.default({}).describe('Founding words, with a group word in one sentence.'),
      others: wordsByLanguage
        .default({})
        .describe(
          "Words of a title of the category's other threads (a call for speakers, a job offer, a one-off event): no proposal.",
        ),
    })
    .prefault({}),
  interest: z
    .strictObject({
      minPeople: z
        .number()
        .int()
        .min(1)
        .default(2)
        .describe('People who must be interested before the interest criterion is met.'),
      countAuthor: z
        .boolean()
        .default(true)
        .describe('Whether the person who started the thread counts as interested.'),
      countFirstPostLikes: z.boolean().default(true).describe('Whether a like of the first post counts as interest.'),
      phrases: wordsByLanguage
        .default({})
        .describe(
          'Phrases that say the writer will come ("count me in"). A phrase ending in " $" must end its clause ("I\'m in $" is not "I\'m in Berlin").',
        ),
      withdrawals: wordsByLanguage.default({}).describe('Phrases that take interest back ("count me out").'),
      negators: oneWordByLanguage
        .default({})
        .describe('One word each: words that, shortly before or after an interest phrase, turn it into a no.'),
      negatorsAfter: oneWordByLanguage
        .default({})
        .describe('One word each: negators that also follow what they negate ("interessiert mich nicht").'),
      contrast: oneWordByLanguage
        .default({})
        .describe('One word each: words that end a negation\'s reach ("not sure about the date, but count me in").'),
      hypothetical: wordsByLanguage
        .default({})
        .describe(
          'Words that make what follows in the clause a question, a condition or a hedge ("anyone interested", "might").',
        ),
      speakers: oneWordByLanguage
        .default({})
        .describe(
          "One word each: the writer's own words (a pronoun, or a verb form that carries its person) that, shortly before an attendance word with no one else between, say the writer will attend.",
        ),
      others: oneWordByLanguage
        .default({})
        .describe(
          'One word each: words for someone else, which stop a speaker word from reaching the attendance word.',
        ),
      attending: wordsByLanguage.default({}).describe('Attendance words ("come", "join", "be there").'),
      notAttending: wordsByLanguage
        .default({})
        .describe(
          'Phrases with an attendance word that do not say one attends ("I come from Dresden", "join the call"); read as neither.',
        ),
      infinitives: wordsByLanguage
        .default({})
        .describe(
          'Attendance words that open an infinitive clause after a comma ("Würde mich freuen, teilzunehmen"); the writer is looked for before the comma too.',
        ),
      grammar: z
        .record(z.string().min(2).max(8), grammarSchema)
        .default({})
        .describe(
          'The paradigms the rules build phrases from (imperatives, "me too", separable verbs, refusals, …); see docs/rules.md.',
        ),
      cues: z
        .record(z.string().min(2).max(8), cuesSchema)
        .default({})
        .describe(
          'Cue words the reply reader weighs: meeting online, offering instead of coming, hedging, someone else (interest.cues of each language folder).',
        ),
    })
    .prefault({}),
  template: z
    .strictObject({
      labels: z
        .strictObject({
          region: z
            .array(z.string().min(1))
            .default([])
            .describe(
              'Labels of a template line that gives the region ("Region:", "Stadt:"). From every language folder, read together.',
            ),
          organisers: z
            .array(z.string().min(1))
            .default([])
            .describe('Labels of a template line that names the organisers.'),
          venue: z.array(z.string().min(1)).default([]).describe('Labels of a template line that names the venue.'),
          launch: z
            .array(z.string().min(1))
            .default([])
            .describe("Labels of a template line that gives the first meetup's date."),
          schedule: z
            .array(z.string().min(1))
            .default([])
            .describe('Labels of a template line that gives the monthly day and time.'),
          place: z
            .array(z.string().min(1))
            .default([])
            .describe(
              'Labels read as the venue when the post also labels a town or region, else as the region ("Ort").',
            ),
          when: z
            .array(z.string().min(1))
            .default([])
            .describe(
              'Labels read as the launch when the value holds a date, as the schedule when it holds a monthly day ("Termin").',
            ),
        })
        .prefault({}),
      maxValueLength: z
        .number()
        .int()
        .min(20)
        .max(2000)
        .default(300)
        .describe("Characters of a template line's value that are read; the rest is left out."),
    })
    .prefault({}),
  region: z
    .strictObject({
      aliases: z
        .record(z.string().min(1), z.string().min(1))
        .default({})
        .describe(
          'Other names of a town, to the name it is compared by ("münchen": "munich"), so two proposals for one town are seen as one.',
        ),
      templateWords: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Words of the naming template ("meetup"), left out before two regions are compared. From the language folders; the community\'s name is added.',
        ),
      countries: z
        .array(z.string().min(1))
        .default([])
        .describe(
          "Country names: a region that is a whole country is blocked (a meetup is per town or region). Node's own country names in every language are known too.",
        ),
      online: z.array(z.string().min(1)).default(['online']).describe('Words that make a proposal an online meetup.'),
      prepositions: z
        .array(z.string().min(1))
        .default([])
        .describe('Prepositions of place after a proposal word, for a place named in prose ("a meetup in Leipzig").'),
      origins: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Prepositions of origin: before a known town in prose, they name the region ("eine Agentur aus Leipzig").',
        ),
      titleWords: z
        .array(z.string().min(1))
        .default([])
        .describe('Words a title puts around its place that name none ("proposal", "offizielle", "création d\'un").'),
      nameParticles: z
        .array(z.string().min(1))
        .default([])
        .describe('Small words inside a place\'s name: "Viana do Castelo", "Bahía de Cádiz", "Newcastle upon Tyne".'),
      titlePrepositions: z
        .array(z.string().min(1))
        .default([])
        .describe('Prepositions before a region\'s name in a title, known town or not ("am Bodensee", "en Bretagne").'),
      residenceWords: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Words that make the town after them where someone lives or works, or the nearest city ("I live in"): not the region.',
        ),
      cases: z
        .array(
          z.strictObject({
            prepositions: z.array(z.string().min(1)).default([]),
            endings: z.array(z.tuple([z.string().min(1), z.string()])).default([]),
          }),
        )
        .default([])
        .describe(
          'How a language names a place in another case ("we Wrocławiu", "w Kielcach"): the endings that become the nominative\'s, and the prepositions after which a place stands in such a case.',
        ),
    })
    .prefault({}),
  organisers: z
    .strictObject({
      companyUserField: z
        .string()
        .min(1)
        .default('company')
        .describe(
          "The forum user field that holds a member's company; their website's domain is the fallback. Two organisers of one company get a warning.",
        ),
      personalDomains: z
        .array(z.string().min(1))
        .default([])
        .describe('Website domains that say nothing about an employer (github.com, gmail.com, …).'),
      selfWords: z
        .array(z.string().min(1))
        .default(['me'])
        .describe('Words that name the poster themself in an Organisers line ("Organisers: me and @bob").'),
    })
    .prefault({}),
  venue: z
    .strictObject({
      office: wordsByLanguage
        .default({})
        .describe('Words that make a venue an office: premises of a company or agency, coworking spaces.'),
      community: wordsByLanguage
        .default({})
        .describe('Words that make a venue a community space (library, university, town hall, hackerspace).'),
      bar: wordsByLanguage.default({}).describe('Words that make a venue a bar, which is refused.'),
      cues: wordsByLanguage
        .default({})
        .describe('Phrases that make a sentence of the first post about the venue, when no template line names it.'),
      unconfirmed: wordsByLanguage
        .default({})
        .describe('Words that say the venue is not confirmed yet ("to be confirmed").'),
      places: wordsByLanguage
        .default({})
        .describe('Places whose kind their name does not tell (a hotel): an unknown kind, whatever room in them.'),
      rooms: wordsByLanguage
        .default({})
        .describe('Meeting rooms: an office when nothing else in the venue says which kind it is.'),
      history: wordsByLanguage
        .default({})
        .describe(
          'Words of a sentence about where the group met before ("we used to meet at the pub"): not the venue.',
        ),
      work: wordsByLanguage
        .default({})
        .describe(
          'Words of a sentence about where someone works ("I work at an agency"): a venue sentence only without a better one.',
        ),
    })
    .prefault({}),
  launchDate: z
    .strictObject({
      minDaysAhead: z
        .number()
        .int()
        .min(0)
        .default(28)
        .describe('Days ahead the first meetup should be at least; a sooner one is a warning, a past one blocks.'),
      locales: z
        .array(languageCode)
        .default(['en'])
        .describe("The languages dates and country names are read in: any that Node's Intl (CLDR) knows."),
      fillers: z
        .array(z.string().min(1))
        .default([])
        .describe('Words between day, month and year ("5 de marzo de 2027"). From the language folders.'),
      nextMonthWords: z
        .array(z.string().min(1))
        .default([])
        .describe('"Next month" said with a day: "nächsten Monat am 10.", "le 9 du mois prochain".'),
      launchWords: z
        .array(z.string().min(1))
        .default([])
        .describe('Words of starting: in a text with several dates, the launch is the one after them.'),
      boundWords: z
        .array(z.string().min(1))
        .default([])
        .describe('"Until", "after", "bis", "jusqu\'au": a date just after them bounds something else.'),
      undecidedWords: z
        .array(z.string().min(1))
        .default([])
        .describe('"To be confirmed", "rien de fixé": a sentence that says the first date is not set.'),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      ordinals: z
        .partialRecord(z.enum(['1', '2', '3', '4', '5', '-1']), z.array(z.string().min(1)))
        .default({})
        .describe('Words for first to fifth and last ("1" … "5", "-1"), read together from every language.'),
      weekdays: z
        .partialRecord(z.enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']), z.array(z.string().min(1)))
        .default({})
        .describe('Words for each weekday ("MO" … "SU"), read together from every language.'),
      monthWords: z.array(z.string().min(1)).default(['month']).describe('Words for a month ("each month").'),
      everyWords: z.array(z.string().min(1)).default(['every']).describe('Words for "every".'),
      dayWords: z
        .array(z.string().min(1))
        .default([])
        .describe(
          'Words for a day in "every day 15" (Portuguese "todo dia 15"): languages that say a day of the month without a month word. Not English.',
        ),
      pmWords: z.array(z.string().min(1)).default(['pm']).describe('Words for the afternoon ("pm").'),
      amWords: z.array(z.string().min(1)).default(['am']).describe('Words for the morning ("am").'),
      atWords: z
        .array(z.string().min(1))
        .default([])
        .describe('Words after which a number alone is an hour ("alle 19", "às 19", "um 7").'),
      sameTimeWords: z
        .array(z.string().min(1))
        .default([])
        .describe('Words that give a monthly slot the launch\'s time ("then every first Thursday, same time").'),
      clock: z
        .record(z.string().min(2).max(8), clockSchema)
        .default({})
        .describe('How each language tells the time in words ("half six", "halb sieben"), by language.'),
    })
    .prefault({}),
  approval: z
    .strictObject({
      commands: z
        .strictObject({
          approve: z
            .array(z.string().min(1))
            .default(['approve'])
            .describe("First words of an approver's reply that approve the proposal."),
          reject: z
            .array(z.string().min(1))
            .default(['reject'])
            .describe(
              "First words of an approver's reply that reject it; what follows is the reason shown in the thread.",
            ),
          reopen: z
            .array(z.string().min(1))
            .default(['reopen'])
            .describe("First words of an approver's reply that reopen a rejected proposal."),
        })
        .prefault({}),
    })
    .prefault({}),
  statusPost: z
    .strictObject({
      createWhen: z
        .enum(['first_post', 'first_interest'])
        .default('first_interest')
        .describe(
          '`first_post`: the status post is made as soon as the thread reads as a proposal; `first_interest`: once someone besides the author is interested.',
        ),
      coalesceSeconds: z
        .number()
        .min(0)
        .max(3600)
        .default(10)
        .describe('A burst of replies within this many seconds makes one edit of the status post.'),
    })
    .prefault({}),
  category: z
    .strictObject({
      nameTemplate: z
        .string()
        .includes('{region}', { message: 'must contain {region}' })
        .default('{community} Meetup {region}')
        .describe(
          "The meetup category's name; `{region}` is the region, `{community}` the community's name. Discourse cuts names at 50 characters.",
        ),
      onlineNameTemplate: z
        .string()
        .includes('{region}', { message: 'must contain {region}' })
        .default('{community} Meetup Online ({region})')
        .describe("The name of an online meetup's category."),
      color: z
        .string()
        .regex(/^[0-9A-Fa-f]{6}$/, 'expected six hex digits without #')
        .default('4E5E9E')
        .describe("The category's colour: six hex digits without `#`."),
      textColor: z
        .string()
        .regex(/^[0-9A-Fa-f]{6}$/, 'expected six hex digits without #')
        .default('FFFFFF')
        .describe("The category's text colour: six hex digits without `#`."),
      slugTemplate: z
        .string()
        .includes('{region}', { message: 'must contain {region}' })
        .default('{region}')
        .describe("The category's slug (its address); `{region}` and `{community}` as in the name."),
      permissions: z
        .record(z.string().min(1), z.union([z.literal(1), z.literal(2), z.literal(3)]))
        .default({ everyone: 1 })
        .describe(
          "Group name to its permission on the new category: 1 full, 2 create and reply, 3 read only (Discourse's permission types).",
        ),
    })
    .prefault({}),
  texts: z
    .strictObject({
      defaultLanguage: languageCode
        .default('en')
        .describe(
          "The forum's language: the moderators' messages, and threads whose language cannot be told. Must have messages.",
        ),
      defaultTimeZone: timeZone
        .default('UTC')
        .describe("The meetups' time zone when neither a country category's setting nor its country gives one."),
      countryCategories: z
        .record(z.string().min(1), z.strictObject({ language: languageCode.optional(), timeZone: timeZone.optional() }))
        .default({})
        .describe(
          "By country category name as on the forum: the `language` its threads are answered in, whatever they are written in, and its meetups' `timeZone`, where the country has several.",
        ),
      meetupMinutes: z
        .number()
        .int()
        .min(15)
        .max(720)
        .default(120)
        .describe('How long one meetup lasts, for the calendar file.'),
      calendarPlugin: z
        .boolean()
        .default(false)
        .describe(
          "The About text carries the event markup of Discourse's calendar plugin instead of the calendar link: only for forums that run it with events (`doctor` says).",
        ),
      messages: z
        .record(languageCode, messageTreeSchema)
        .default({})
        .describe(
          'Messages that replace the language folder\'s (config/languages/<code>/messages.json), by their key, e.g. `{"en": {"about": {"intro": "…"}}}`.',
        ),
    })
    .prefault({}),
  queue: z
    .strictObject({
      stalledSeconds: z
        .number()
        .min(1)
        .max(600)
        .default(30)
        .describe(
          'With Redis: a job whose worker stops renewing its lock for this long (the process died) is taken up by another worker; checks run as often.',
        ),
    })
    .prefault({}),
  effects: z
    .strictObject({
      leaseSeconds: z
        .number()
        .min(1)
        .max(3600)
        .default(600)
        .describe(
          'How long a run holds a forum write before another may take it over (after a crash). Longer than the slowest forum call with its retries; a takeover always looks on the forum first.',
        ),
    })
    .prefault({}),
  // Discourse does not retry failed deliveries by default (docs/spec/reliability.md §1):
  // re-read the forum now and then.
  reconcile: z
    .strictObject({
      intervalMinutes: z
        .number()
        .min(1)
        .max(24 * 60)
        .default(15)
        .describe(
          'How often the forum is read again for what the webhooks missed (Discourse does not retry failed deliveries by default).',
        ),
      pages: z
        .number()
        .int()
        .min(1)
        .max(20)
        .default(1)
        .describe('Pages (30 topics each, most recently bumped first) of the watched tree read each time.'),
      maxThreads: z
        .number()
        .int()
        .min(1)
        .max(200)
        .default(10)
        .describe("Threads read again per run at most: bounds the forum calls whatever the forum's state."),
      openProposalsPerRun: z
        .number()
        .int()
        .min(0)
        .max(50)
        .default(3)
        .describe('Open proposals read again per run even if they look unchanged (a missed edit changes no counter).'),
      dailyHourUtc: z
        .number()
        .int()
        .min(0)
        .max(23)
        .default(3)
        .describe(
          'The UTC hour of the daily pass that evaluates every open proposal again, so a launch date that has passed shows.',
        ),
    })
    .prefault({}),
  lifecycle: z
    .strictObject({
      proposalReminderAfter: isoDuration
        .default('P30D')
        .describe('A gathering proposal whose thread has had no post by a person this long gets a reminder reply.'),
      proposalStalledAfter: isoDuration
        .default('P90D')
        .describe(
          'A gathering proposal without a post by a person this long is `stalled`; any new post brings it back.',
        ),
      maxReminders: z.number().int().min(0).max(10).default(2).describe('Reminder replies per proposal, ever.'),
      meetupQuietAfter: isoDuration
        .default('P90D')
        .describe(
          'A meetup with no topic or post by a person in its category this long is quiet: its organisers are asked whether it still meets.',
        ),
      meetupDormantAfter: isoDuration
        .default('P180D')
        .describe('A meetup with no activity and no answer this long is dormant, and listed for the moderators.'),
      pauseFor: isoDuration
        .default('P180D')
        .describe('After organisers answer `pause`, the meetup is not asked again for this long.'),
      digestEvery: isoDuration
        .default('P30D')
        .describe("How often the moderators' digest may be sent; it is sent only when something waits for them."),
      awaitingApprovalFor: isoDuration
        .default('P7D')
        .describe('A proposal awaiting approval this long is listed in the digest.'),
      checkEvery: isoDuration
        .default('PT1H')
        .describe('How often proposals and meetups are checked for the durations above.'),
      activityReadsPerCheck: z
        .number()
        .int()
        .min(0)
        .max(500)
        .default(25)
        .describe(
          'Meetup categories whose latest topics are read from the forum per check, those read longest ago first, besides those about to be asked or marked dormant (webhooks bring the rest).',
        ),
      quietProposalsPerCheck: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .default(25)
        .describe(
          'Quiet proposals reminded or marked stalled per check, the most recently active first: a forum that installs the service with many old threads sees them spread over hours instead of all bumped at once.',
        ),
      notMeetups: z
        .array(categoryRef)
        .default([])
        .describe(
          "Subcategories of the meetups category that are no meetup (an organisers' lounge), by name, slug or id.",
        ),
      answers: z
        .strictObject({
          yes: z
            .array(z.string().min(1))
            .default(['yes'])
            .describe('First words of a check-in answer that say the group still meets.'),
          pause: z
            .array(z.string().min(1))
            .default(['pause'])
            .describe('First words of a check-in answer that say the group takes a break.'),
          close: z
            .array(z.string().min(1))
            .default(['close'])
            .describe('First words of a check-in answer that say the group stops.'),
        })
        .prefault({}),
    })
    .prefault({}),
  overview: z
    .strictObject({
      enabled: z
        .boolean()
        .default(true)
        .describe('Keep one topic in the meetups category listing every meetup and open proposal.'),
      minEditInterval: isoDuration
        .default('PT10M')
        .describe('The overview topic is edited only when its text changes, and not more often than this.'),
    })
    .prefault({}),
});

export type RulesConfig = z.infer<typeof rulesConfigSchema>;

export function parseRulesConfig(data: unknown, source = 'rules configuration'): RulesConfig {
  const result = rulesConfigSchema.safeParse(data);
  if (result.success) return withCommunityName(result.data);
  throw new ConfigError(`${source}: ${result.error.issues.map(describeIssue).join('; ')}`);
}

/**
 * The category templates with the community's name in place of "{community}" ("{community}
 * Meetup {region}" → "Mautic Meetup {region}"): everything that names a category reads them.
 */
function withCommunityName(rules: RulesConfig): RulesConfig {
  const named = (template: string) => template.replaceAll('{community}', rules.community.name);
  const { nameTemplate, onlineNameTemplate, slugTemplate } = rules.category;
  return {
    ...rules,
    category: {
      ...rules.category,
      nameTemplate: named(nameTemplate),
      onlineNameTemplate: named(onlineNameTemplate),
      slugTemplate: named(slugTemplate),
    },
  };
}

/** A misspelt setting would otherwise be dropped without a word, and its default used. */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return issue.keys.map((k) => `${[...issue.path, k].join('.')}: no such setting`).join('; ');
  return `${issue.path.join('.') || '(root)'}: ${issue.message}`;
}

/** Objects merge key by key; arrays and values in `over` replace those in `base`. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;
  if (typeof over !== 'object' || over === null || Array.isArray(over)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = k in out ? deepMerge(out[k], v) : v;
  return out;
}

/**
 * JSON.parse, with the first mistake named by line and column: Node's own message has no
 * line, and for some mistakes quotes the text, line breaks and all.
 */
function parseJson(raw: string, file: string): unknown {
  const text = raw.replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first === undefined) return JSON.parse(text);
  const before = text.slice(0, first.offset).split('\n');
  const name = printParseErrorCode(first.error);
  throw new ConfigError(
    `CONFIG_FILE: ${file} is not valid JSON: ${JSON_MISTAKES[name] ?? name} at line ${before.length}, column ${before.at(-1)!.length + 1}. Fix: correct it there (JSON has no comments, and no comma after the last entry)`,
  );
}

const JSON_MISTAKES: Record<string, string> = {
  CommaExpected: 'a comma is missing',
  ColonExpected: 'a colon is missing',
  PropertyNameExpected: 'a name in double quotes is expected',
  ValueExpected: 'a value is expected',
  CloseBraceExpected: 'a closing } is missing',
  CloseBracketExpected: 'a closing ] is missing',
  EndOfFileExpected: 'the file goes on after its end',
  InvalidSymbol: 'this is no JSON value (a text needs double quotes)',
  InvalidCommentToken: 'JSON has no comments',
  UnexpectedEndOfString: 'a text is not closed with "',
};

function readJsonObject(file: string, chain: readonly string[]): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    const what = chain.length
      ? `${chain.at(-1)} extends ${file}, which cannot be read (${code})`
      : `cannot read ${file} (${code}); point CONFIG_FILE at a JSON rules file such as config/default.json`;
    throw new ConfigError(`CONFIG_FILE: ${what}`);
  }
  const data = parseJson(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`CONFIG_FILE: ${file} must hold a JSON object`);
  return data as Record<string, unknown>;
}

interface ReadConfig {
  own: Record<string, unknown>;
  /** Language files by language code; a file further down the chain replaces one of the same code. */
  languages: Map<string, LanguageFile>;
  /** The file each message was read from, by language and key: a language folder's, or a rules file's own. */
  messageFiles: Map<string, string>;
}

const messageId = (language: string, key: string) => `${language}\u0000${key}`;

/** The dotted keys of a tree of messages. */
function messageKeys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) return prefix ? [prefix] : [];
  return Object.entries(tree).flatMap(([k, v]) => messageKeys(v, prefix ? `${prefix}.${k}` : k));
}

/**
 * Where `extends` leads: a bare file name ("default.json") is a file this package ships in
 * its config/ folder, wherever the community's file is; a path ("./base.json",
 * "../default.json", an absolute one) is taken relative to the file that names it.
 */
export function extendedFile(parent: string, from: string): string {
  if (!/[\\/]/.test(parent)) return join(SHIPPED_CONFIG, parent);
  return resolve(dirname(from), parent);
}

/** This package's config/ folder, found from this file in src/config/ or dist/src/config/. */
const SHIPPED_CONFIG = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir) && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, 'config');
})();

function readJson(file: string, chain: readonly string[]): ReadConfig {
  const { extends: parent, languages: languageDir, ...own } = readJsonObject(file, chain);
  let base: ReadConfig = { own: {}, languages: new Map(), messageFiles: new Map() };
  if (parent !== undefined) {
    if (typeof parent !== 'string') throw new ConfigError(`CONFIG_FILE: ${file}: "extends" must be a file path`);
    const parentFile = extendedFile(parent, file);
    if (chain.includes(parentFile)) throw new ConfigError(`CONFIG_FILE: ${file} extends itself through ${parentFile}`);
    base = readJson(parentFile, [...chain, file]);
  }
  const languages = new Map(base.languages);
  const messageFiles = new Map(base.messageFiles);
  if (languageDir !== undefined) {
    if (typeof languageDir !== 'string')
      throw new ConfigError(`CONFIG_FILE: ${file}: "languages" must be a folder path`);
    const dir = resolve(dirname(file), languageDir);
    for (const lang of readLanguageDir(dir, file)) {
      languages.set(lang.language, lang);
      for (const key of messageKeys(lang.texts))
        messageFiles.set(messageId(lang.language, key), join(dir, lang.language, MESSAGES_FILE));
    }
  }
  const ownMessages = (own.texts as { messages?: Record<string, unknown> } | undefined)?.messages;
  for (const [language, tree] of Object.entries(ownMessages ?? {}))
    for (const key of messageKeys(tree)) messageFiles.set(messageId(language, key), file);
  return { own: deepMerge(base.own, own) as Record<string, unknown>, languages, messageFiles };
}

/** The two files of a language folder (config/languages/<code>/), either of which may be left out. */
const READING_FILE = 'reading.json';
const MESSAGES_FILE = 'messages.json';

/** Every language folder under `dir`, each read and checked; `from` names the file that points at them. */
export function readLanguageDir(dir: string, from: string): LanguageFile[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(`CONFIG_FILE: ${from} names the language folder ${dir}, which cannot be read (${code})`);
  }
  const single = entries.find((e) => e.isFile() && e.name.endsWith('.json'));
  if (single)
    throw new ConfigError(
      `CONFIG_FILE: language file ${join(dir, single.name)}: a language is a folder, ` +
        `${join(dir, single.name.replace(/\.json$/, ''))}/ with ${READING_FILE} and ${MESSAGES_FILE}. Fix: move its lists ` +
        `to ${READING_FILE} and its "texts" to ${MESSAGES_FILE}`,
    );
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((language) => {
      const folder = join(dir, language);
      const readingPath = join(folder, READING_FILE);
      const messagesPath = join(folder, MESSAGES_FILE);
      const out: LanguageFile = { language };
      if (existsSync(readingPath)) {
        const result = readingFileSchema.safeParse(readJsonObject(readingPath, [from]));
        if (!result.success)
          throw new ConfigError(
            `CONFIG_FILE: language file ${readingPath}: ${result.error.issues.map(describeIssue).join('; ')}`,
          );
        Object.assign(out, result.data);
      }
      if (existsSync(messagesPath)) {
        const result = messageTreeSchema.safeParse(readJsonObject(messagesPath, [from]));
        if (!result.success)
          throw new ConfigError(
            `CONFIG_FILE: language file ${messagesPath}: ${result.error.issues.map(describeIssue).join('; ')}`,
          );
        out.texts = result.data;
      }
      return out;
    });
}

/**
 * Reads the rules file. A community's file may start with `"extends": "default.json"`
 * (a file of this package's config/, or a path relative to it: extendedFile) and name only
 * what differs: objects merge, lists replace.
 * `"languages": "<folder>"` adds every `<code>.json` in that folder (relative to the file):
 * each language's word lists and grammar. The rules file's own lists replace the merged
 * languages' lists where both give one.
 */
export function loadRulesConfig(file: string): RulesConfig {
  const { own, languages, messageFiles } = readJson(resolve(file), []);
  const rules = parseRulesConfig(deepMerge(languagesAsConfig([...languages.values()]), own), `CONFIG_FILE ${file}`);
  try {
    checkTexts(rules, {
      passed: languages.get(BASE_LANGUAGE)?.texts,
      fileOf: (language, key) => messageFiles.get(messageId(language, key)),
    });
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`CONFIG_FILE ${file}: ${err.message}`);
    throw err;
  }
  return rules;
}
