/**
 * Test cases built from each language file's own lists: every label of every field, every
 * ordinal with every weekday. The tests read each one; npm run check:blind counts them as
 * text the lists were made for.
 */
import type { LanguageFile } from '../../src/config/language-file.js';
import { readLanguageDir } from '../../src/config/rules-config.js';
import { words } from '../../src/words/text.js';

export function languageFiles(dir = 'config/languages'): LanguageFile[] {
  return readLanguageDir(dir, 'the tests');
}

export interface LabelCase {
  language: string;
  /** The label's kind in the file: a field, "place" or "when". */
  kind: string;
  label: string;
  /** The post: the label's line, with another labelled line where the kind needs one. */
  line: string;
  /** The field the line's value must land in. */
  field: string;
  value: string;
}

const INTL_TAG: Record<string, string> = { en: 'en-GB' };

/**
 * "<Label>: <value>" for every label of every kind in every language, in three spellings. A
 * place label with a name is read alone (the region) and beside the language's first region label (the
 * venue); a when label with a date written as the language writes it (the launch) and with an
 * ordinal and a weekday of the language (the schedule).
 */
export function labelCases(files = languageFiles()): LabelCase[] {
  const out: LabelCase[] = [];
  for (const f of files) {
    const regionLabel = f.template?.labels?.region?.[0];
    const date = new Intl.DateTimeFormat(INTL_TAG[f.language] ?? f.language, {
      dateStyle: 'long',
      timeZone: 'UTC',
    }).format(new Date('2027-03-05T00:00:00Z'));
    const ordinal = f.schedule?.ordinals?.['1']?.[0];
    const weekday = f.schedule?.weekdays?.FR?.[0];
    const monthly = `${ordinal} ${weekday} ${f.schedule?.monthWords?.[0] ?? ''} 19:00`;
    for (const [kind, labels] of Object.entries(f.template?.labels ?? {}))
      for (const label of labels ?? []) {
        const cap = label.charAt(0).toUpperCase() + label.slice(1);
        const spellings = (value: string) => [
          `${cap}: ${value}`,
          `**${label}:** ${value}`,
          `- ${label.toUpperCase()} : ${value}`,
        ];
        const add = (field: string, value: string, before = '') =>
          spellings(value).forEach((line) =>
            out.push({ language: f.language, kind, label, line: `${before}${line}`, field, value }),
          );
        if (kind === 'place') {
          // A place line names a town by its proper name; "x1" alone would read as words about a venue.
          add('region', 'X1');
          if (regionLabel) add('venue', 'x1', `${regionLabel}: x2\n`);
        } else if (kind === 'when') {
          add('launch', date);
          if (ordinal && weekday) add('schedule', monthly);
        } else add(kind, 'x1');
      }
  }
  return out;
}

export interface ScheduleCase {
  language: string;
  text: string;
  ordinal: number;
  weekday: string;
  /** The launch's time (HH:mm), for a slot said to be at the same time. */
  launchTime?: string;
}

/**
 * Every ordinal before every weekday of one language, with a time ("first Friday 19:00"),
 * or the launch's ("same time").
 */
export function scheduleCases(files = languageFiles()): ScheduleCase[] {
  const out: ScheduleCase[] = [];
  for (const f of files) {
    const ordinals = Object.entries(f.schedule?.ordinals ?? {});
    const weekdays = Object.entries(f.schedule?.weekdays ?? {});
    const month = f.schedule?.monthWords?.[0] ?? '';
    for (const [n, ordinalWords] of ordinals)
      for (const [day, dayWords] of weekdays)
        for (const o of ordinalWords ?? [])
          for (const d of dayWords ?? [])
            out.push({ language: f.language, text: `${o} ${d} ${month} 19:00`, ordinal: Number(n), weekday: day });
    // Each every-word and month word once, with the first ordinal and Friday.
    const o = f.schedule?.ordinals?.['1']?.[0];
    const fr = f.schedule?.weekdays?.FR?.[0];
    if (o && fr) {
      for (const every of f.schedule?.everyWords ?? [])
        out.push({ language: f.language, text: `${every} ${o} ${fr} ${month} 19:00`, ordinal: 1, weekday: 'FR' });
      for (const m of f.schedule?.monthWords ?? [])
        out.push({ language: f.language, text: `${o} ${fr} ${m} 19:00`, ordinal: 1, weekday: 'FR' });
      for (const same of f.schedule?.sameTimeWords ?? [])
        out.push({
          language: f.language,
          text: `${o} ${fr} ${month}, ${same}`,
          ordinal: 1,
          weekday: 'FR',
          launchTime: '19:00',
        });
    }
  }
  return out;
}

export interface EntryCase {
  language: string;
  /** Where the entry stands in its language file. */
  list: string;
  entry: string;
  text: string;
  /**
   * What the text must read as: a stance, a venue kind (of the venue line, or of the prose's
   * venue sentence for where someone works), "unconfirmed", "venue sentence", "no venue sentence", "proposal",
   * "founds a group", "other thread".
   */
  expected: string;
}

/**
 * Every entry of the word lists in a case of its own, built from the same file's other lists:
 * each phrase or short answer alone, each withdrawal alone, each condition, negator, past marker,
 * someone else before interest, each writer's word and refusal with an attendance word, each
 * venue word on a venue line. The test reads each as its list says.
 */
export function entryCases(files = languageFiles()): EntryCase[] {
  const out: EntryCase[] = [];
  for (const f of files) {
    const i = f.interest ?? {};
    const g = i.grammar ?? {};
    const bare = (p: string) => p.replace(/\s\$$/, '');
    const speaker = i.speakers?.[0] ?? '';
    const attend = i.attending?.[0] ?? '';
    const phrase = bare(i.phrases?.[0] ?? '');
    // An interest word that does not name its subject ("interested", "interessato"): someone else may be it.
    const speakers = new Set((i.speakers ?? []).concat(g.additive?.pronouns ?? []).flatMap((w) => words(w)));
    const bareWords = (i.phrases ?? []).filter((p) => words(p).every((w) => !speakers.has(w)));
    const bareWord = bare(bareWords.sort((a, b) => words(a).length - words(b).length)[0] ?? phrase);
    const add = (list: string, entry: string, text: string, expected: string) =>
      out.push({ language: f.language, list, entry, text, expected });
    for (const e of i.phrases ?? []) add('interest.phrases', e, bare(e), 'interest');
    for (const e of g.shortAnswers ?? []) add('interest.grammar.shortAnswers', e, e, 'interest');
    for (const e of g.seeYou ?? []) add('interest.grammar.seeYou', e, e, 'interest');
    for (const e of i.withdrawals ?? []) add('interest.withdrawals', e, bare(e), 'withdrawal');
    for (const e of i.hypothetical ?? []) add('interest.hypothetical', e, `${e} ${phrase}`, 'not interest');
    for (const e of i.negators ?? []) add('interest.negators', e, `${speaker} ${e} ${attend}`, 'withdrawal');
    // Some writer's words say no themselves ("rezygnuję"): either way the writer is read.
    for (const e of i.speakers ?? []) add('interest.speakers', e, `${e} ${attend}`, 'said');
    for (const e of i.others ?? []) add('interest.others', e, `${e} ${attend}`, 'not interest');
    for (const e of i.attending ?? []) add('interest.attending', e, `${speaker} ${e}`, 'interest');
    for (const e of g.past ?? []) add('interest.grammar.past', e, `${e} ${phrase}`, 'not interest');
    for (const e of g.pastAfter ?? []) add('interest.grammar.pastAfter', e, `${phrase} ${e}`, 'not interest');
    for (const e of g.conditional ?? []) add('interest.grammar.conditional', e, `${e} x1, ${phrase}`, 'not interest');
    for (const e of g.concessive ?? []) add('interest.grammar.concessive', e, `${e} x1, ${phrase}`, 'interest');
    for (const e of g.hedgesAfter ?? [])
      add('interest.grammar.hedgesAfter', e, `${speaker} ${attend} ${e}`, 'not interest');
    for (const e of g.finalNegators ?? [])
      add('interest.grammar.finalNegators', e, `${speaker} ${attend} x1 x2 x3 x4 ${e}`, 'withdrawal');
    for (const e of g.thirdPerson ?? []) add('interest.grammar.thirdPerson', e, `${e} ${bareWord}`, 'not interest');
    for (const e of g.refusals ?? []) add('interest.grammar.refusals', e, `${speaker} ${e}`, 'withdrawal');
    const but = i.contrast?.[0] ?? '';
    for (const e of g.wishes ?? []) add('interest.grammar.wishes', e, `${e} ${attend}, ${but} x1 x2`, 'withdrawal');
    for (const e of g.questionOpeners ?? [])
      add('interest.grammar.questionOpeners', e, `${e} ${attend}`, 'not interest');
    for (const e of g.proDrop ?? []) add('interest.grammar.proDrop', e, `${e} ${attend}`, 'interest');
    const os = g.otherSenses;
    if (os) {
      for (const v of os.verbs)
        add('interest.grammar.otherSenses', v, `${speaker} ${v} x1 ${bare(os.particles[0]!)}`, 'none');
      for (const p of os.particles)
        add('interest.grammar.otherSenses', p, `${speaker} ${os.verbs[0]} x1 ${bare(p)}`, 'none');
    }
    for (const p of g.refusalPairs ?? [])
      for (const v of p.verbs)
        for (const o of p.objects)
          add('interest.grammar.refusalPairs', `${v} … ${o}`, `${speaker} ${v} ${bare(o)}`, 'withdrawal');
    const v = f.venue ?? {};
    for (const kind of ['office', 'community', 'bar'] as const)
      for (const e of v[kind] ?? [])
        add(`venue.${kind}`, e, `Venue: ${e}`, kind === 'community' ? 'community_space' : kind);
    for (const e of v.places ?? []) add('venue.places', e, `Venue: ${e}`, 'unknown');
    for (const e of v.rooms ?? []) add('venue.rooms', e, `Venue: ${e}`, 'office');
    const office = v.office?.[0] ?? 'office';
    const community = v.community?.[0] ?? 'library';
    const cue = v.cues?.[0] ?? 'venue';
    for (const e of v.unconfirmed ?? []) add('venue.unconfirmed', e, `Venue: ${office} (${e})`, 'unconfirmed');
    for (const e of v.cues ?? []) add('venue.cues', e, `${e} ${office}`, 'venue sentence');
    // Where the group met before names no venue; where someone works gives way to a sentence that names one.
    for (const e of v.history ?? []) add('venue.history', e, `${e} ${cue} ${office}`, 'no venue sentence');
    for (const e of v.work ?? [])
      add('venue.work', e, `${e} ${cue} ${office}.\n${cue} ${community}`, 'community_space');
    for (const e of f.proposal?.keywords ?? []) add('proposal.keywords', e, `Mautic ${e}`, 'proposal');
    const group = f.proposal?.groups?.[0] ?? 'group';
    const found = f.proposal?.founding?.[0] ?? 'official';
    for (const e of f.proposal?.groups ?? []) add('proposal.groups', e, `${found} Mautic ${e}`, 'founds a group');
    for (const e of f.proposal?.founding ?? []) add('proposal.founding', e, `${e} Mautic ${group}`, 'founds a group');
    for (const e of f.proposal?.others ?? []) add('proposal.others', e, `${e}: Mautic`, 'other thread');
  }
  return out;
}
