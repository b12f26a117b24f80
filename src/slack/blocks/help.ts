import type { Format } from '../../engine/formats/schema';
import { localFormats } from '../../i18n/formats';
import { translator, type Lang } from '../../i18n';
import { escapeText } from '../escape';
import { COMMAND } from '../ids';
import type { MessagePayload } from './kit';

/**
 * The /intervision help: what the bot does, the subcommands and the formats
 * one can name, shown only to the person who asked, in their language.
 */

/** The ephemeral help message in `lang`, listing `formats`; `notice` goes first (e.g. an unrecognised subcommand). */
export function helpMessage(lang: Lang, formats: readonly Format[], notice?: string): MessagePayload & { response_type: 'ephemeral' } {
  const tr = translator(lang);
  const usage = [
    tr('home:help.usage.new', { command: COMMAND }),
    tr('home:help.usage.list', { command: COMMAND }),
    tr('home:help.usage.group', { command: COMMAND }),
    tr('home:help.usage.help', { command: COMMAND }),
  ];
  const blocks: MessagePayload['blocks'] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notice } });
  const named = localFormats(formats, lang).map((f) => tr('home:help.format', { name: escapeText(f.name), command: COMMAND, id: f.id, summary: escapeText(f.summary) }));
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: tr('home:help.intro') } },
    { type: 'section', text: { type: 'mrkdwn', text: usage.join('\n') } },
    { type: 'section', text: { type: 'mrkdwn', text: [tr('home:help.formatsTitle'), ...named].join('\n') }, block_id: 'help-formats' },
  );
  const text = [notice, tr('home:help.fallback', { usage: usage.join(' · ') })].filter(Boolean).join('\n');
  return { response_type: 'ephemeral', text, blocks };
}
