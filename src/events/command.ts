import type { RulesConfig } from '../config/rules-config.js';
import { words } from '../rules/text.js';

export type CommandAction = 'approve' | 'reject' | 'reopen';

/** An approver command as written: who may give it is asked of the forum later, never read from text. */
export interface ParsedCommand {
  action: CommandAction;
  /** Everything after the command word, for a rejection's reason. */
  comment: string | null;
}

export type CommandWords = RulesConfig['approval']['commands'];

/**
 * An approver command: the first word of the reply's first line ("approve — thanks,
 * looks great"), in any configured language; the rest of that text is the comment.
 */
export function readCommand(raw: string, commands: CommandWords): ParsedCommand | null {
  const firstLine = raw.trimStart().split('\n', 1)[0] ?? '';
  const first = words(firstLine.slice(0, 100))[0];
  if (first === undefined) return null;
  for (const action of ['approve', 'reject', 'reopen'] as const) {
    if (commands[action].some((c) => words(c).join(' ') === first)) {
      const rest = raw
        .trimStart()
        .slice(0, 2000)
        .replace(/^[^\p{L}]{0,20}\S+[\s\-—–:,.!]*/u, '')
        .trim();
      return { action, comment: rest === '' ? null : rest.slice(0, 500) };
    }
  }
  return null;
}
