import type { FormatRegistry } from '../../../engine/formats';
import type { Format } from '../../../engine/formats/schema';
import { newSessionModal } from '../../blocks';
import { escapeText } from '../../escape';
import type { ListenerDeps } from '../support/deps';
import { channelInfo, placeText, readersSentence } from '../support/place';
import { type SubcommandHandler, shownWord, subcommand } from '../support/subcommand';

/**
 * `/intervision new [format]` opens the new-session modal, after checking
 * that the bot can work in this channel. The format menu redraws it
 * (actions/format-select.ts); its submission is views/new-session-submitted.ts.
 */

/** The format a person named: its id, or the start of its id or name ("agile"); undefined when none matches. */
function findFormat(registry: FormatRegistry, word: string): Format | undefined {
  const wanted = word.trim().toLowerCase();
  if (wanted === '') return undefined;
  const all = registry.list();
  return (
    all.find((f) => f.id === wanted) ??
    all.find((f) => f.id.startsWith(wanted) || f.name.toLowerCase().startsWith(wanted))
  );
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
    const registry = deps.formats;
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
        text: `I don't know a format called “${shownWord(rest.trim(), 30)}”, so the form starts with ${escapeText(registry.list()[0]?.name ?? 'the first format')}; you can choose another there. The formats are: ${names}.`,
      });
    }
  });
}
