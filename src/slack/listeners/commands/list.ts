import { StoredSessionUnreadableError } from '../../../store/crypto-codec';
import { listMessage, type SessionEntry } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import { placeOf, placeText } from '../support/place';
import { type SubcommandHandler, subcommand } from '../support/subcommand';

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
