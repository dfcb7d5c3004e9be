/** Text size of every hostile shape: a post as large as the forum takes. */
export const HOSTILE_SIZE = 100_000;

/** `unit` repeated to exactly `size` characters. */
export const fill = (unit: string, size = HOSTILE_SIZE): string =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/**
 * Shapes that make backtracking matchers or naive nested scans go quadratic or worse, each as
 * its repeated unit: the tests read them at full size, `npm run bench` at two sizes (bench/rules.ts).
 */
export const HOSTILE_UNITS: Array<[string, string]> = [
  ['one letter', 'a'],
  ['spaces', ' '],
  ['letters and apostrophes', "a'"],
  ['open quotes', '[quote'],
  ['close quotes', '[/quote]'],
  ['colons', ':'],
  ['at signs', '@'],
  ['mentions', '@a '],
  ['digits', '1'],
  ['times', '1:1'],
  ['parentheses', '('],
  ['backticks', '`'],
  ['fences', '```\n'],
  ['separators', ' and ,'],
  ['interest phrases', "count me in i'm in "],
  ['negators', 'not '],
  ['labels', 'Region: '],
  ['newlines', '\n'],
  ['plus ones', '+1'],
  ['combining accents', 'e\u0301'],
  ['town names', 'Berlin. '],
  ['places in a case', 'Mautic w Wrocławiu – '],
  ['full stops', '.'],
  ['elisions', "dell'aula "],
];

/** Every shape at full size; the open quotes are closed once at the end. */
export const HOSTILE: Array<[string, string]> = HOSTILE_UNITS.map(([shape, unit]) => [
  shape === 'open quotes' ? 'open quotes, one close at the end' : shape,
  shape === 'open quotes' ? `${fill(unit)}[/quote]` : fill(unit),
]);
