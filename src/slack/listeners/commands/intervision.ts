import { z } from 'zod';
import { helpMessage } from '../../blocks';
import { COMMAND } from '../../ids';
import { type CommandArgs, type SubcommandHandler, shownWord } from '../support/subcommand';

/**
 * /intervision: `new [format]`, `list`, `help`. This answers help itself; the
 * subcommands that act on sessions are handed in (commands/new.ts, list.ts).
 */

export interface CommandDeps {
  subcommands?: Partial<Record<'new' | 'list', SubcommandHandler>>;
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
    if (name === '' || name === 'help') {
      await args.ack(helpMessage());
      return;
    }
    if (name === 'new' || name === 'list') {
      const handler = deps.subcommands?.[name];
      if (handler) {
        await handler(args, rest);
        return;
      }
      await args.ack(helpMessage(`\`${COMMAND} ${name}\` is not available yet.`));
      return;
    }
    await args.ack(helpMessage(`I didn't recognise \`${shownWord(name, 24)}\`. Here is what I can do:`));
  };
}
