import { escapeText, slackDate } from '../escape';
import { type MessagePayload, context } from './kit';

/**
 * What is left in the channel after close: that a session took place, never
 * its content. Format and people are left out when they are not known (a
 * session whose stored content could no longer be read).
 */
export function closeNote(info: { formatName?: string; people?: number; date: number }): MessagePayload {
  const details =
    info.formatName !== undefined && info.people !== undefined
      ? ` (${escapeText(info.formatName)}, ${info.people === 1 ? '1 person' : `${info.people} people`})`
      : '';
  const line =
    `An intervision session${details} took place here on ` +
    `${slackDate(info.date, '{date_long}', new Date(info.date).toISOString().slice(0, 10))}; its content was deleted when it closed.`;
  return { text: 'An intervision session took place here; its content was deleted when it closed.', blocks: [context([line], 'close-note')] };
}
