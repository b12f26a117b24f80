import type { CloseReason } from '../../engine/session';
import { translator, type Lang } from '../../i18n';
import { channelLink, escapeBounded, escapeText } from '../escape';
import { type MessagePayload, context, section } from './kit';

/** Tells the facilitator (or presenter) that an inactive session was closed and deleted, in the session's language. */
export function idleClosedDm(info: { lang: Lang; formatName: string; channel: string; reason: CloseReason; title?: string }): MessagePayload {
  const tr = translator(info.lang);
  const name = info.title?.trim()
    ? tr('common:quoted', { text: escapeBounded(info.title.trim(), 100) })
    : tr('dms:idleClosed.untitled', { format: escapeText(info.formatName) });
  const why = tr(info.reason === 'max-age' ? 'dms:idleClosed.maxAge' : 'dms:idleClosed.idle');
  return {
    text: tr('dms:idleClosed.text'),
    blocks: [section(tr('dms:idleClosed.first', { session: name, channel: channelLink(info.channel), why }), 'closed'), context([tr('dms:idleClosed.note')])],
  };
}
