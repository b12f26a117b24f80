import { z } from 'zod';
import { formats as shipped, type FormatRegistry } from '../../../engine/formats';
import { translator, type Lang } from '../../../i18n';
import { helpMessage } from '../../blocks';
import { COMMAND } from '../../ids';
import { type CommandArgs, type SubcommandHandler, shownWord } from '../support/subcommand';

/**
 * /intervision: `new [format]`, `list`, `group`, `help`. This answers help itself; the
 * subcommands that act on sessions are handed in (commands/new.ts, list.ts).
 * A bare /intervision does what the App Home says it does: it opens the form
 * of a new session (help, where the bot runs no sessions). Help is in the
 * person's own language.
 */

export interface CommandDeps {
  subcommands?: Partial<Record<'new' | 'list' | 'group', SubcommandHandler>>;
  /** The formats help lists (the shipped ones when absent). */
  formats?: FormatRegistry;
  /** The language a person is answered in outside a session (their Slack locale's); English when absent. */
  languageOf?: (user: string) => Promise<Lang>;
}

/** What Slack sends that this listener reads; everything else is ignored. */
const commandPayload = z.object({ text: z.string().default(''), user_id: z.string().optional() });

/** Help must be the command's answer, within Slack's 3 s: a language look-up that takes longer answers in English. */
const LANGUAGE_WAIT_MS = 1000;

/** Splits "new agile" into the subcommand and the rest. */
function parseSubcommand(text: string): { name: string; rest: string } {
  const trimmed = text.trim();
  const [first = '', ...others] = trimmed.split(/\s+/);
  return { name: first.toLowerCase(), rest: others.join(' ') };
}

/** The person's language, or English when it is not known in time. */
async function languageWithin(deps: CommandDeps, user: string | undefined): Promise<Lang> {
  if (!deps.languageOf || !user) return 'en';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Lang>((resolve) => {
    timer = setTimeout(() => resolve('en'), LANGUAGE_WAIT_MS);
  });
  try {
    return await Promise.race([deps.languageOf(user), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The /intervision listener: help, or the subcommand named. */
export function intervision(deps: CommandDeps): (args: CommandArgs) => Promise<void> {
  return async (args) => {
    const { text, user_id: user } = commandPayload.parse(args.command);
    const { name, rest } = parseSubcommand(text);
    const bare = name === '' && deps.subcommands?.new !== undefined;
    const handler = bare || name === 'new' || name === 'list' || name === 'group' ? deps.subcommands?.[bare ? 'new' : (name as 'new' | 'list' | 'group')] : undefined;
    if (handler) {
      await handler(args, rest);
      return;
    }
    const lang = await languageWithin(deps, user);
    const help = (notice?: string) => helpMessage(lang, (deps.formats ?? shipped).list(), notice);
    if (name === 'help' || name === '') {
      await args.ack(help());
      return;
    }
    const tr = translator(lang);
    if (name === 'new' || name === 'list' || name === 'group') {
      await args.ack(help(tr('home:help.notYet', { command: `${COMMAND} ${name}` })));
      return;
    }
    await args.ack(help(tr('home:help.unknown', { word: shownWord(name, 24) })));
  };
}
