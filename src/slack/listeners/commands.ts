import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { helpMessage } from '../blocks';
import { escapeText } from '../escape';
import { COMMAND } from '../ids';

/**
 * The /intervision slash command: `new [format]`, `list`, `help`. This file
 * parses the command and answers help; the subcommands that act on sessions
 * are handed in by the modules that own them.
 */

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Handles one subcommand; `rest` is what followed its name (e.g. the format). It must ack. */
export type SubcommandHandler = (args: CommandArgs, rest: string) => Promise<void>;

export interface CommandDeps {
  subcommands?: Partial<Record<'new' | 'list', SubcommandHandler>>;
}

/** What Slack sends that this listener reads; everything else is ignored. */
const commandPayload = z.object({ text: z.string().default('') });

/** The subcommand word as it may be shown back: escaped, shortened, and safe inside `code`. */
function shownWord(word: string): string {
  const short = word.length > 24 ? `${word.slice(0, 24)}…` : word;
  return escapeText(short.replace(/`/g, ''));
}

/** Splits "new agile" into the subcommand and the rest. */
export function parseSubcommand(text: string): { name: string; rest: string } {
  const trimmed = text.trim();
  const [first = '', ...others] = trimmed.split(/\s+/);
  return { name: first.toLowerCase(), rest: others.join(' ') };
}

/** Registers /intervision. */
export function registerCommands(app: App, deps: CommandDeps = {}): void {
  app.command(COMMAND, async (args) => {
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
    await args.ack(helpMessage(`I didn't recognise \`${shownWord(name)}\`. Here is what I can do:`));
  });
}
