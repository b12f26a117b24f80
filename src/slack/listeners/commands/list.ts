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
    const registry = deps.formats;
    const entries: SessionEntry[] = [];
    for (const session of await deps.services.openSessions(command.channel_id)) {
      const format = registry.get(session.formatId);
      if (format) entries.push({ session, format });
    }
    const message = listMessage(entries);
    await args.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  });
}
