import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { escapeText } from '../../escape';
import { type ListenerDeps, failureText, logFailure } from './deps';
import { personTr } from './speech';
import { type SlashCommand, parseSlashCommand } from './payloads';

/** What Bolt hands a slash command listener. */
export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Handles one subcommand; `rest` is what followed its name (e.g. the format). It must ack. */
export type SubcommandHandler = (args: CommandArgs, rest: string) => Promise<void>;

/** A word the person typed, as it may be shown back: shortened to `max`, escaped, and safe inside `code`. */
export function shownWord(word: string, max: number): string {
  const short = word.length > max ? `${word.slice(0, max)}…` : word;
  return escapeText(short.replace(/`/g, ''));
}

/** Acks at once, then runs `work`; a failure is logged and the person told privately. */
export function subcommand(deps: ListenerDeps, name: string, work: (command: SlashCommand, args: CommandArgs, rest: string) => Promise<void>): SubcommandHandler {
  return async (args, rest) => {
    await args.ack();
    const command = parseSlashCommand(args.command);
    if (!command) {
      deps.logger.warn({ listener: 'command', subcommand: name }, 'a command we could not read');
      return;
    }
    try {
      await work(command, args, rest);
    } catch (error) {
      logFailure(deps.logger, { listener: 'command', subcommand: name }, error);
      const tr = await personTr(deps, command.user_id);
      await args.respond({ response_type: 'ephemeral', text: failureText(tr, error) }).catch(() => undefined);
    }
  };
}
