import type { FormatRegistry } from '../../../engine/formats';
import type { Format } from '../../../engine/formats/schema';
import { newSessionModal } from '../../blocks';
import { escapeText } from '../../escape';
import type { ListenerDeps } from '../support/deps';
import { channelInfo, placeText, readersSentence } from '../support/place';
import { personLanguage } from '../support/speech';
import { localFormat, localFormats } from '../../../i18n/formats';
import { LANGUAGES, translator } from '../../../i18n';
import { type SubcommandHandler, shownWord, subcommand } from '../support/subcommand';

/**
 * `/intervision new [format]` opens the new-session modal, after checking
 * that the bot can work in this channel. The format menu redraws it
 * (actions/format-select.ts); its submission is views/new-session-submitted.ts.
 */

/** The format a person named: its id, or the start of its id or of its name in any language ("agile", "kollegiale"); undefined when none matches. */
function findFormat(registry: FormatRegistry, word: string): Format | undefined {
  const wanted = word.trim().toLowerCase();
  if (wanted === '') return undefined;
  const all = registry.list();
  const names = (format: Format) => LANGUAGES.map((language) => localFormat(format, language).name.toLowerCase());
  return all.find((f) => f.id === wanted) ?? all.find((f) => f.id.startsWith(wanted) || names(f).some((name) => name.startsWith(wanted)));
}

/** `/intervision new [format]`. */
export function newSubcommand(deps: ListenerDeps): SubcommandHandler {
  return subcommand(deps, 'new', async (command, args, rest) => {
    // One look at the channel (may a session run here, and who can read it, for the choice of a private channel) and at the person's language.
    const [info, lang] = await Promise.all([channelInfo(args.client, command.channel_id), personLanguage(deps, command.user_id)]);
    const tr = translator(lang);
    if (info.place !== 'ok') {
      await args.respond({ response_type: 'ephemeral', text: placeText(tr, info.place) });
      return;
    }
    const registry = deps.formats;
    const format = findFormat(registry, rest);
    if (!command.trigger_id) return;
    const readers = readersSentence(tr, info);
    const view = newSessionModal(registry.list(), {
      channel: command.channel_id,
      facilitator: command.user_id,
      language: lang,
      placeChoice: deps.privateRooms,
      ...(readers ? { readers } : {}),
      ...(format ? { formatId: format.id } : {}),
    });
    await args.client.views.open({ trigger_id: command.trigger_id, view });
    if (rest.trim() !== '' && !format) {
      const shown = localFormats(registry.list(), lang);
      const names = shown.map((f) => `*${escapeText(f.name)}* (\`${f.id}\`)`).join(', ');
      const first = escapeText(shown[0]?.name ?? '');
      await args.respond({ response_type: 'ephemeral', text: tr('form:unknownFormat', { word: shownWord(rest.trim(), 30), first, names }) });
    }
  });
}
