import { z } from 'zod';
import { formats as shipped, type FormatRegistry } from '../../../engine/formats';
import { helpMessage } from '../../blocks';
import { COMMAND } from '../../ids';
import { type CommandArgs, type SubcommandHandler, shownWord } from '../support/subcommand';

/**
 * /intervision: `new [format]`, `list`, `group`, `help`. This answers help itself; the
 * subcommands that act on sessions are handed in (commands/new.ts, list.ts).
 * A bare /intervision does what the App Home says it does: it opens the form
 * of a new session (help, where the bot runs no sessions).
 */

export interface CommandDeps {
  subcommands?: Partial<Record<'new' | 'list' | 'group', SubcommandHandler>>;
  /** The formats help lists (the shipped ones when absent). */
  formats?: FormatRegistry;
}

/** What Slack sends that this listener reads; everything else is ignored. */
const commandPayload = z.object({ text: z.string().default('') });

/** Splits "new agile" into the subcommand and the rest. */
function parseSubcommand(text: string): { name: string; rest: string } {
  const trimmed = text.trim();
  const [first = '', ...others] = trimmed.split(/\s+/);
  return { name: first.toLowerCase(), rest: others.join(' ') };
}

/** The /intervision listener: help, or the subcommand named. */
export function intervision(deps: CommandDeps): (args: CommandArgs) => Promise<void> {
  return async (args) => {
    const { text } = commandPayload.parse(args.command);
    const { name, rest } = parseSubcommand(text);
    const help = (notice?: string) => helpMessage((deps.formats ?? shipped).list(), notice);
    const bare = name === '' && deps.subcommands?.new !== undefined;
    if (name === 'help' || (name === '' && !bare)) {
      await args.ack(help());
      return;
    }
    if (bare || name === 'new' || name === 'list' || name === 'group') {
      const handler = deps.subcommands?.[bare ? 'new' : (name as 'new' | 'list' | 'group')];
      if (handler) {
        await handler(args, rest);
        return;
      }
      await args.ack(help(`\`${COMMAND} ${name}\` is not available yet.`));
      return;
    }
    await args.ack(help(`I didn't recognise \`${shownWord(name, 24)}\`. Here is what I can do:`));
  };
}
