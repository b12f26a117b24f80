import { translator, type Lang } from '../../i18n';
import { escapeText, slackDate } from '../escape';
import { type MessagePayload, context } from './kit';

/**
 * What is left in the channel after close: that a session took place, never
 * its content, in the session's language. Format and people are left out
 * when they are not known (a session whose stored content could no longer be read).
 */
export function closeNote(info: { lang: Lang; formatName?: string; people?: number; date: number }): MessagePayload {
  const tr = translator(info.lang);
  const date = slackDate(info.date, '{date_long}', new Date(info.date).toISOString().slice(0, 10));
  const line =
    info.formatName !== undefined && info.people !== undefined
      ? tr('dms:closeNote.withDetails', { format: escapeText(info.formatName), count: info.people, date })
      : tr('dms:closeNote.line', { date });
  return { text: tr('dms:closeNote.text'), blocks: [context([line], 'close-note')] };
}
