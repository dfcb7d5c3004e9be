import type { RulesConfig } from '../config/rules-config.js';
import { words } from '../words/text.js';

export type CommandAction = 'approve' | 'reject' | 'reopen';

/** An approver command as written: who may give it is asked of the forum later, never read from text. */
export interface ParsedCommand {
  action: CommandAction;
  /** Everything after the command's words, for a rejection's reason. */
  comment: string | null;
}

export type CommandWords = RulesConfig['approval']['commands'];

const ACTIONS = ['approve', 'reject', 'reopen'] as const;

/**
 * An approver command: the first words of the reply's first line ("approve — thanks,
 * looks great", "otwórz ponownie"), in any configured language; the rest of that text is
 * the comment. A command of several words is compared word by word, and where two
 * configured commands start the line the longer one wins.
 */
export function readCommand(raw: string, commands: CommandWords): ParsedCommand | null {
  const firstLine = raw.trimStart().split('\n', 1)[0] ?? '';
  const line = words(firstLine.slice(0, 100));
  if (line.length === 0) return null;
  let found: { action: CommandAction; length: number } | null = null;
  for (const action of ACTIONS)
    for (const command of commands[action]) {
      const wanted = words(command);
      if (wanted.length === 0 || wanted.length <= (found?.length ?? 0)) continue;
      if (wanted.every((w, i) => line[i] === w)) found = { action, length: wanted.length };
    }
  if (!found) return null;
  const rest = afterWords(raw.trimStart().slice(0, 2000), found.length);
  return { action: found.action, comment: rest === '' ? null : rest.slice(0, 500) };
}

/**
 * The text after its first `count` words: leading marks ("> ", "**") and the separators
 * after the command ("—", ":") go too. Token by token, so it stays linear in the text.
 */
function afterWords(text: string, count: number): string {
  let rest = text.replace(/^[^\p{L}]{0,20}/u, '');
  let seen = 0;
  while (seen < count && rest !== '') {
    const token = /^\S+/.exec(rest)?.[0] ?? '';
    seen += words(token).length;
    rest = rest.slice(token.length).trimStart();
  }
  return rest.replace(/^[\s\-—–:,.!]*/, '').trim();
}
