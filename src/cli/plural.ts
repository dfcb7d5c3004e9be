import { IntlMessageFormat } from 'intl-messageformat';

const formats = new Map<string, IntlMessageFormat>();

/**
 * A line of the commands' English output with its counts said through the message format
 * ("{count, plural, one {# proposal} other {# proposals}}"), as the forum texts are: "1
 * proposal", "3 pages", never "1 proposal(s)".
 */
export function counted(message: string, values: Record<string, string | number>): string {
  let format = formats.get(message);
  if (!format) formats.set(message, (format = new IntlMessageFormat(message, 'en')));
  return String(format.format(values));
}
