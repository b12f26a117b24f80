import { COMMAND } from '../ids';
import type { MessagePayload } from './kit';

/**
 * The /intervision help: what the bot does and the subcommands, shown only to
 * the person who asked.
 */

const USAGE_LINES = [
  `\`${COMMAND} new [format]\` – start a session in this channel; name a format, or leave it out to choose one`,
  `\`${COMMAND} list\` – the sessions open in this channel`,
  `\`${COMMAND} help\` – this message`,
];

const INTRO =
  '*Intervision* runs a structured peer consultation here: a presenter brings a case, members give questions, ' +
  'compliments, tips or observations one at a time in rounds ("I pass" is always fine), and a facilitator guides. ' +
  'When the session closes, everything it posted is deleted.';

/** The ephemeral help message; `notice` goes first (e.g. an unrecognised subcommand). */
export function helpMessage(notice?: string): MessagePayload & { response_type: 'ephemeral' } {
  const blocks: MessagePayload['blocks'] = [];
  if (notice) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: notice } });
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: INTRO } },
    { type: 'section', text: { type: 'mrkdwn', text: USAGE_LINES.join('\n') } },
  );
  const text = [notice, `Usage: ${USAGE_LINES.join(' · ')}`].filter(Boolean).join('\n');
  return { response_type: 'ephemeral', text, blocks };
}
