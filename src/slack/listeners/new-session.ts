import type { FormatRegistry } from '../../engine/formats';
import type { Format } from '../../engine/formats/schema';
import { StoredSessionUnreadableError } from '../../store/crypto-codec';
import { listMessage, newSessionModal, type SessionEntry } from '../blocks';
import { escapeText } from '../escape';
import type { CommandArgs, SubcommandHandler } from './commands';
import { type ListenerDeps, failureText, logFailure } from './support/deps';
import { type SlashCommand, parseSlashCommand } from './support/payloads';
import { channelInfo, placeOf, placeText, readersSentence } from './support/place';

/**
 * `/intervision new [format]` opens the new-session modal (after checking
 * that the bot can work in this channel), the format menu redraws it with
 * that format's timeboxes, and `/intervision list` shows the channel's
 * sessions. The modal's submission is in new-session-submit.ts.
 */

/** The format a person named: its id, or the start of its id or name ("agile"); undefined when none matches. */
export function findFormat(registry: FormatRegistry, word: string): Format | undefined {
  const wanted = word.trim().toLowerCase();
  if (wanted === '') return undefined;
  const all = registry.list();
  return (
    all.find((f) => f.id === wanted) ??
    all.find((f) => f.id.startsWith(wanted) || f.name.toLowerCase().startsWith(wanted))
  );
}

/** The subcommand word shown back: short, escaped, and without backticks. */
function shown(word: string): string {
  const short = word.length > 30 ? `${word.slice(0, 30)}…` : word;
  return escapeText(short.replace(/`/g, ''));
}

/** Acks at once, then runs `work`; a failure is logged and the person told privately. */
function subcommand(deps: ListenerDeps, name: string, work: (command: SlashCommand, args: CommandArgs, rest: string) => Promise<void>): SubcommandHandler {
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
      await args.respond({ response_type: 'ephemeral', text: failureText(error) }).catch(() => undefined);
    }
  };
}

/** `/intervision new [format]`. */
export function newSubcommand(deps: ListenerDeps): SubcommandHandler {
  return subcommand(deps, 'new', async (command, args, rest) => {
    // One look at the channel: may a session run here, and who can read it (for the choice of a private channel).
    const info = await channelInfo(args.client, command.channel_id);
    if (info.place !== 'ok') {
      await args.respond({ response_type: 'ephemeral', text: placeText(info.place) });
      return;
    }
    const registry = deps.services.registry;
    const format = findFormat(registry, rest);
    if (!command.trigger_id) return;
    const readers = readersSentence(info);
    const view = newSessionModal(registry.list(), {
      channel: command.channel_id,
      facilitator: command.user_id,
      placeChoice: deps.privateRooms,
      ...(readers ? { readers } : {}),
      ...(format ? { formatId: format.id } : {}),
    });
    await args.client.views.open({ trigger_id: command.trigger_id, view });
    if (rest.trim() !== '' && !format) {
      const names = registry.list().map((f) => `*${escapeText(f.name)}* (\`${f.id}\`)`).join(', ');
      await args.respond({
        response_type: 'ephemeral',
        text: `I don't know a format called “${shown(rest.trim())}”, so the form starts with ${escapeText(registry.list()[0]?.name ?? 'the first format')}; you can choose another there. The formats are: ${names}.`,
      });
    }
  });
}

/** `/intervision list`: the active sessions of this channel, only for the person who asked. */
export function listSubcommand(deps: ListenerDeps): SubcommandHandler {
  return subcommand(deps, 'list', async (command, args) => {
    const place = await placeOf(args.client, command.channel_id);
    if (place !== 'ok') {
      await args.respond({ response_type: 'ephemeral', text: placeText(place) });
      return;
    }
    const { store, registry } = deps.services;
    const ids = await store.listByChannel(command.channel_id);
    // A session that can no longer be read is left out, not allowed to hide the others.
    const readable = (id: string) => store.load(id).catch((error: unknown) => {
      if (error instanceof StoredSessionUnreadableError) return null;
      throw error;
    });
    const sessions = await Promise.all(ids.map(readable));
    const entries: SessionEntry[] = [];
    for (const session of sessions) {
      const format = session ? registry.get(session.formatId) : undefined;
      if (session && format && session.status !== 'closing') entries.push({ session, format });
    }
    const message = listMessage(entries);
    await args.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  });
}
