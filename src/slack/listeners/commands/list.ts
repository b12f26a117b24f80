import { listMessage, type SessionEntry } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import { placeOf, placeText } from '../support/place';
import { personLanguage } from '../support/speech';
import { type SubcommandHandler, subcommand } from '../support/subcommand';
import { translator } from '../../../i18n';

/** `/intervision list`: the active sessions of this channel, only for the person who asked, in their language. */
export function listSubcommand(deps: ListenerDeps): SubcommandHandler {
  return subcommand(deps, 'list', async (command, args) => {
    const [place, lang] = await Promise.all([placeOf(args.client, command.channel_id), personLanguage(deps, command.user_id)]);
    if (place !== 'ok') {
      await args.respond({ response_type: 'ephemeral', text: placeText(translator(lang), place) });
      return;
    }
    const registry = deps.formats;
    const entries: SessionEntry[] = [];
    for (const session of await deps.services.openSessions(command.channel_id)) {
      const format = registry.get(session.formatId);
      if (format) entries.push({ session, format });
    }
    const message = listMessage(lang, entries);
    await args.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
  });
}
