/**
 * Long lists made to fit one post. Discourse refuses a post longer than its
 * `max_post_length` site setting, and a refused overview or digest helps nobody, so a text
 * that would pass it lists fewer items of each list and says how many it leaves out.
 */

/**
 * The text of `render(keep)` for the largest `keep` that fits in `maxLength`, where
 * `render(keep)` lists at most `keep` items of each of its lists (the longest holds
 * `longest`) and counts the rest. A cap per list, not a count over all of them, gives every
 * list its share: short lists stay whole, long ones are cut alike. `render(0)`, headings
 * and counts only, is taken to fit: `forum.maxPostLength` cannot be set below what it needs.
 */
export function fitItems(longest: number, maxLength: number, render: (keep: number) => string): string {
  const whole = render(longest);
  if (postLength(whole) <= maxLength) return whole;
  // `low` always fits and `high` does not. Lengths need not grow with `keep` (a list kept
  // whole loses its "and N more" line), so the search finds a cap that fits, not always the largest.
  let low = 0;
  let high = longest;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (postLength(render(mid)) <= maxLength) low = mid;
    else high = mid;
  }
  return render(low);
}

/**
 * The line that counts what a list left out. After a list a blank line comes first: a line
 * right below a list item would continue that item.
 */
export function leftOut(text: string, afterList: boolean): string[] {
  return [...(afterList ? [''] : []), `_${text}_`];
}

/**
 * The length Discourse checks, counted in UTF-16 units: never fewer than the code points it
 * counts, so a text that fits here fits there.
 */
export function postLength(text: string): number {
  return text.length;
}
