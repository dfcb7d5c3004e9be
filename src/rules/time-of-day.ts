import type { RulesConfig } from '../config/rules-config.js';
import { normalise, PhraseSet, words } from '../words/text.js';

/** How one language says an hour in words: "half past six", "halb sieben", "siete y media", "o siódmej". */
interface SpokenHours {
  /** An hour's name → the hour: "seven", "sieben", "siódmej" (Polish names the hour by its ordinal). */
  hours: Map<string, number>;
  /** Before an hour, half an hour after it: "half past six", British "half six". */
  halfPast: PhraseSet;
  /** Before an hour, half an hour before it: "halb sieben", "half acht", "wpół do siódmej". */
  halfTo: PhraseSet;
  /** After an hour, half an hour after it: "siete y media", "sete e meia", "sette e mezza". */
  andHalf: PhraseSet;
}

/** How the configured languages tell the time of day, compiled once. */
export interface ClockLexicon {
  pm: PhraseSet;
  am: PhraseSet;
  /** Words after which a number alone is an hour: "at 7", "um 7", "alle 19", "às 19", "o 19". */
  at: PhraseSet;
  /** Words after an hour that make it one: "7 o'clock", "19 Uhr", "19 uur", "19 h". */
  units: PhraseSet;
  /** Words between the two ends of a span: "from 7 to 9 pm", "von 19 bis 21 Uhr", "de 19 a 21 h". */
  until: PhraseSet;
  /** Twelve o'clock said in words, with its preposition: "at noon", "à midi". */
  noon: PhraseSet;
  spoken: SpokenHours[];
}

export function clockLexicon(config: RulesConfig['schedule']): ClockLexicon {
  const all = Object.values(config.clock);
  const joined = (pick: (c: (typeof all)[number]) => string[] | undefined) =>
    new PhraseSet(all.flatMap((c) => pick(c) ?? []));
  return {
    pm: new PhraseSet(config.pmWords),
    am: new PhraseSet(config.amWords),
    at: new PhraseSet(config.atWords),
    units: joined((c) => c.units),
    until: joined((c) => c.until),
    noon: joined((c) => c.noon),
    spoken: all.map((c) => {
      const hours = new Map<string, number>();
      for (const [n, names] of Object.entries(c.hours ?? {}))
        for (const name of names ?? []) hours.set(words(name).join(' '), Number(n));
      return {
        hours,
        halfPast: new PhraseSet(c.halfPast ?? []),
        halfTo: new PhraseSet(c.halfTo ?? []),
        andHalf: new PhraseSet(c.andHalf ?? []),
      };
    }),
  };
}

/** A time of day a text names, with where it stands in the normalised text. */
export interface TimeOfDay {
  hour: number;
  minute: number;
  start: number;
  end: number;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

interface Read {
  hour: number;
  minute: number;
  /** Token index of the first word and one past the last. */
  from: number;
  to: number;
  /** Said as morning or afternoon: "pm", "'s avonds", "de la tarde". */
  meridiem: 'am' | 'pm' | null;
  /** Written with a leading zero ("07:30"): a morning hour as written, never read as the evening. */
  padded: boolean;
  /** A clock time by its form alone ("19:00", "19h", "7 pm"), not only by the words around it. */
  definite: boolean;
}

// A number that may be an hour, with what is written onto it: "19", "19h30", "18u30", "19h", "7pm", "19hs".
const HOUR = /^(\d{1,2})(?:([hu])(\d{2})|(am|pm|hs|h|u))?$/;
// Minutes after a colon or a dot, perhaps with the meridiem written onto them: "30", "30pm".
const MINUTES = /^(\d{2})(am|pm)?$/;
const TOKEN = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
// Text that ends a clause after an hour: "alle sette.", "o siódmej, ".
const CLAUSE_END = /^\s*(?:$|[.,;:!?)\n–-])/;
// Evening hours people leave the "pm" off: nobody meets at five in the morning.
const LATEST_BARE_MORNING = 7;

/**
 * Every time of day a text names, in the order written: "19:00", "18h30", "18u30", "19u",
 * "7 pm", "6:30 p. m.", "19 Uhr", "um 7", "alle 19", "ore 18.45", "às 19h", "half past six",
 * "half six", "halb sieben", "om half acht", "wpół do siódmej", "siete y media de la tarde",
 * "vier uur 's middags", "à midi". A span starts when it starts: "from 7 to 9 pm" is 19:00,
 * "19–21 Uhr" 19:00. An hour up to seven without a meridiem or a leading zero is the evening's
 * ("at 7", "from 5:30", "half six"). Give it text whose calendar dates are blanked out: the 12
 * in "12/3" is no hour.
 */
export function readTimes(text: string, lex: ClockLexicon): TimeOfDay[] {
  const normal = normalise(text);
  const tokens: Token[] = [...normal.matchAll(TOKEN)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const w = tokens.map((t) => t.text);
  const gap = (i: number) => (i + 1 < tokens.length ? normal.slice(tokens[i]!.end, tokens[i + 1]!.start) : '');
  const phraseAt = (set: PhraseSet, i: number) => {
    const hit = set.find(w.slice(i, i + 4))[0];
    return hit?.at === 0 ? hit.length : 0;
  };
  const atBefore = (i: number) => {
    const hit = lex.at.find(w.slice(Math.max(0, i - 3), i)).find((h) => h.at + h.length === Math.min(3, i));
    if (!hit) return false;
    // A one-letter word ("à", "a", "o") before a number tells no time when a word follows: "a 10 minuti", "à 5 km".
    return hit.phrase.length > 1 || CLAUSE_END.test(normal.slice(tokens[i]!.end));
  };
  const meridiemAt = (i: number): { meridiem: 'am' | 'pm'; length: number } | null => {
    const pm = phraseAt(lex.pm, i);
    if (pm > 0) return { meridiem: 'pm', length: pm };
    const am = phraseAt(lex.am, i);
    return am > 0 ? { meridiem: 'am', length: am } : null;
  };

  const found: Read[] = [];
  const bare: Array<{ hour: number; from: number; padded: boolean }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const spoken = spokenAt(i, w, lex, atBefore, phraseAt, (j) => CLAUSE_END.test(normal.slice(tokens[j - 1]!.end)));
    if (spoken) {
      found.push(withMeridiem(spoken, meridiemAt));
      i = spoken.to - 1;
      continue;
    }
    const noon = phraseAt(lex.noon, i);
    if (noon > 0) {
      found.push({ hour: 12, minute: 0, from: i, to: i + noon, meridiem: null, padded: true, definite: true });
      i += noon - 1;
      continue;
    }
    const m = HOUR.exec(w[i]!);
    if (!m) continue;
    let read: Read = {
      hour: Number(m[1]),
      minute: m[3] === undefined ? 0 : Number(m[3]),
      from: i,
      to: i + 1,
      meridiem: m[4] === 'am' || m[4] === 'pm' ? m[4] : null,
      padded: m[1]!.length === 2 && m[1]!.startsWith('0'),
      definite: m[2] !== undefined || m[4] !== undefined,
    };
    if (!read.definite) {
      // "18:30", "18.30", "18 h 30", "6.30pm"
      const minutes = MINUTES.exec(w[i + 1] ?? '');
      if (minutes && /^\s?[:.]\s?$/.test(gap(i)) && !/^\s?[€%$£]/.test(normal.slice(tokens[i + 1]!.end))) {
        read = { ...read, minute: Number(minutes[1]), to: i + 2, definite: true };
        if (minutes[2] === 'am' || minutes[2] === 'pm') read.meridiem = minutes[2];
      } else if ((w[i + 1] === 'h' || w[i + 1] === 'u') && /^\d{2}$/.test(w[i + 2] ?? '') && gap(i + 1).length <= 1) {
        read = { ...read, minute: Number(w[i + 2]), to: i + 3, definite: true };
      }
    }
    const unit = phraseAt(lex.units, read.to);
    if (unit > 0) read = { ...read, to: read.to + unit, definite: true };
    const half = halfAfter(read.to, lex, phraseAt);
    if (half > 0 && read.minute === 0) read = { ...read, minute: 30, to: read.to + half, definite: true };
    read = withMeridiem(read, meridiemAt);
    if (read.definite || read.meridiem !== null || atBefore(i)) {
      if (read.hour <= 23 && read.minute <= 59) found.push({ ...read, definite: true });
      i = read.to - 1;
    } else if (read.hour <= 23) bare.push({ hour: read.hour, from: i, padded: read.padded });
  }
  // A span starts when it starts: "from 7 to 9 pm", "6:30 to 8:30 pm", "19–21 Uhr", "de 19 a 21 h".
  const spans: Read[] = [];
  let k = 0;
  for (const b of bare) {
    while (k < found.length && found[k]!.from <= b.from) k++;
    const next = found[k];
    if (next && joinsSpan(b.from + 1, next.from, w, gap, lex, phraseAt))
      spans.push({
        hour: b.hour,
        minute: 0,
        from: b.from,
        to: b.from + 1,
        meridiem: null,
        padded: b.padded,
        definite: true,
      });
  }
  const all = [...found, ...spans].sort((a, b) => a.from - b.from);
  return all.flatMap((t, k) => {
    const next = all[k + 1];
    let { meridiem } = t;
    if (meridiem === null && next && next.meridiem === 'pm' && joinsSpan(t.to, next.from, w, gap, lex, phraseAt))
      meridiem = next.hour <= 12 && t.hour <= next.hour ? 'pm' : null;
    let hour = t.hour;
    if (meridiem === 'pm' && hour < 12) hour += 12;
    else if (meridiem === 'am' && hour === 12) hour = 0;
    else if (meridiem === null && !t.padded && hour >= 1 && hour <= LATEST_BARE_MORNING) hour += 12;
    if (hour > 23 || t.minute > 59) return [];
    return [{ hour, minute: t.minute, start: tokens[t.from]!.start, end: tokens[t.to - 1]!.end }];
  });
}

/** The meridiem said right after a time: "7 pm", "8 's avonds", "siete de la tarde". */
function withMeridiem(read: Read, meridiemAt: (i: number) => { meridiem: 'am' | 'pm'; length: number } | null): Read {
  if (read.meridiem !== null) return read;
  const said = meridiemAt(read.to);
  return said ? { ...read, meridiem: said.meridiem, to: read.to + said.length } : read;
}

/** Whether the tokens from `from` up to `to` join two ends of a span: a dash, or "to", "bis", "tot", "a". */
function joinsSpan(
  from: number,
  to: number,
  w: readonly string[],
  gap: (i: number) => string,
  lex: ClockLexicon,
  phraseAt: (set: PhraseSet, i: number) => number,
): boolean {
  if (from === to) return /^\s*-\s*$/.test(gap(from - 1));
  // "from 7 to 9 pm", not "todo dia 10, às 19h30": nothing but a space on either side of the word.
  const until = phraseAt(lex.until, from);
  return (
    until > 0 &&
    from + until === to &&
    !/\d/.test(w.slice(from, to).join('')) &&
    /^\s+$/.test(gap(from - 1)) &&
    /^\s+$/.test(gap(to - 1))
  );
}

/** How many words at `at` say "and a half" in any language: "y media", "e meia". */
function halfAfter(at: number, lex: ClockLexicon, phraseAt: (set: PhraseSet, i: number) => number): number {
  for (const s of lex.spoken) {
    const n = phraseAt(s.andHalf, at);
    if (n > 0) return n;
  }
  return 0;
}

/**
 * An hour said in words at token `i`: "half past six", "halb sieben", "wpół do siódmej" (a half
 * before an hour's name), "halb 7", "half 8" (or its number), "siete y media", "sieben Uhr" (an
 * hour's name with a half or a unit after it), "seven pm", or an hour's name alone after a word
 * that tells the time and before the end of the clause ("at seven.", "o siódmej,").
 */
function spokenAt(
  i: number,
  w: readonly string[],
  lex: ClockLexicon,
  atBefore: (i: number) => boolean,
  phraseAt: (set: PhraseSet, i: number) => number,
  endsClause: (j: number) => boolean,
): Read | null {
  const read = (hour: number, minute: number, to: number): Read => ({
    hour,
    minute,
    from: i,
    to,
    meridiem: null,
    padded: false,
    definite: true,
  });
  for (const s of lex.spoken) {
    const past = phraseAt(s.halfPast, i);
    const pastHour = past > 0 ? s.hours.get(w[i + past] ?? '') : undefined;
    if (pastHour !== undefined) return read(pastHour, 30, i + past + 1);
    const to = phraseAt(s.halfTo, i);
    const toHour = to > 0 ? s.hours.get(w[i + to] ?? '') : undefined;
    if (toHour !== undefined) return read(toHour === 1 ? 12 : toHour - 1, 30, i + to + 1);
    const named = s.hours.get(w[i]!);
    if (named === undefined) continue;
    const half = phraseAt(s.andHalf, i + 1);
    if (half > 0) return read(named, 30, i + 1 + half);
    const unit = phraseAt(lex.units, i + 1);
    if (unit > 0) return read(named, 0, i + 1 + unit);
    if (phraseAt(lex.pm, i + 1) > 0 || phraseAt(lex.am, i + 1) > 0) return read(named, 0, i + 1);
    if (atBefore(i) && endsClause(i + 1)) return read(named, 0, i + 1);
  }
  // A half before a number: "halb 7", "half 8" say the half before it (English says "half past 7").
  for (const [set, before] of [
    ...lex.spoken.map((s) => [s.halfTo, true] as const),
    ...lex.spoken.map((s) => [s.halfPast, false] as const),
  ]) {
    const n = phraseAt(set, i);
    const x = n > 0 ? /^\d{1,2}$/.exec(w[i + n] ?? '') : null;
    const hour = x ? Number(x[0]) : 0;
    if (hour >= 1 && hour <= 12) return read(before ? (hour === 1 ? 12 : hour - 1) : hour, 30, i + n + 1);
  }
  return null;
}

/** The first time of day in a text at or after `from` (a position in the normalised text), if any. */
export function firstTimeFrom(times: readonly TimeOfDay[], from: number, before = Infinity): TimeOfDay | null {
  return times.find((t) => t.start >= from && t.start < before) ?? null;
}
