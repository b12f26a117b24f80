import type { Format } from '../../engine/formats/schema';
import { escapeText } from '../escape';
import { COMMAND } from '../ids';
import type { MessagePayload } from './kit';

/**
 * The /intervision help: what the bot does, the subcommands and the formats
 * one can name, shown only to the person who asked.
 */

const HELP_WORDS = {
  usage: [
    `\`${COMMAND}\` or \`${COMMAND} new [format]\` – start a session in this channel; name a format, or leave it out to choose one`,
    `\`${COMMAND} list\` – the sessions open in this channel`,
    `\`${COMMAND} group\` – this channel's peer group: meetings on a cadence, a facilitator in turn, cases proposed in private (or create one)`,
    `\`${COMMAND} help\` – this message`,
  ],
  intro:
    '*Intervision* runs a structured peer consultation here: a presenter brings a case, members give questions, ' +
    'compliments, tips or observations one at a time in rounds ("I pass" is always fine), and a facilitator guides. ' +
    'Meet live (in writing, or on a call while I keep the turns) or asynchronously over days. ' +
    'When the session closes, everything it posted is deleted.',
  formatsTitle: '*The formats you can name*',
  format: (name: string, id: string, summary: string) => `• *${name}* – \`${COMMAND} new ${id}\` – ${summary}`,
  fallback: (usage: string) => `Usage: ${usage}`,
} as const;

/** The ephemeral help message, listing `formats`; `notice` goes first (e.g. an unrecognised subcommand). */
export function helpMessage(formats: readonly Format[], notice?: string): MessagePayload & { response_type: 'ephemeral' } {
  const blocks: MessagePayload['blocks'] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notice } });
  const named = formats.map((f) => HELP_WORDS.format(escapeText(f.name), f.id, escapeText(f.summary)));
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: HELP_WORDS.intro } },
    { type: 'section', text: { type: 'mrkdwn', text: HELP_WORDS.usage.join('\n') } },
    { type: 'section', text: { type: 'mrkdwn', text: [HELP_WORDS.formatsTitle, ...named].join('\n') }, block_id: 'help-formats' },
  );
  const text = [notice, HELP_WORDS.fallback(HELP_WORDS.usage.join(' · '))].filter(Boolean).join('\n');
  return { response_type: 'ephemeral', text, blocks };
}
