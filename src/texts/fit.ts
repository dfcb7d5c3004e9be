/**
 * A long list made to fit one post. Discourse refuses a post longer than its
 * `max_post_length` site setting, and a refused overview or digest helps nobody, so a text
 * that would pass it keeps the first items, in the order they matter, and says how many it
 * leaves out.
 */

/**
 * The text of `render(keep)` for the most items that fit in `maxLength`, where
 * `render(keep)` lists the first `keep` of `total` items and counts the rest.
 */
export function fitItems(total: number, maxLength: number, render: (keep: number) => string): string {
  const whole = render(total);
  if (postLength(whole) <= maxLength) return whole;
  // Binary search keeps `low` a count that fits: a list's "and N more" line can make one
  // more item shorter, so lengths are not strictly monotonic, and any fitting count will do.
  let low = 0;
  let high = total;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (postLength(render(mid)) <= maxLength) low = mid;
    else high = mid;
  }
  return render(low);
}

/**
 * The length Discourse checks, counted in UTF-16 units: never fewer than the code points it
 * counts, so a text that fits here fits there.
 */
export function postLength(text: string): number {
  return text.length;
}
