/**
 * npm run check:blind: every entry of config/ that matches only rows of the blind sets, and
 * no tuning row, no hand-written or generated test case. Such an entry was added for the
 * blind set: it must list none. Prints entries of config/ only, never a blind row.
 */
import { blindOnlyEntries } from '../test/support/blind-check.js';

const found = blindOnlyEntries();
for (const e of found) console.log(`${e.file}: ${e.path}: ${JSON.stringify(e.entry)}`);
console.log(
  found.length === 0
    ? 'check:blind: no entry of config/ matches the blind sets alone'
    : `check:blind: ${found.length} entries match the blind sets alone`,
);
process.exitCode = found.length === 0 ? 0 : 1;
