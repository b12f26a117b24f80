import type { CloseReason } from '../../engine/session';
import { channelLink, escapeBounded, escapeText } from '../escape';
import { type MessagePayload, context, section } from './kit';

/** Tells the facilitator (or presenter) that an inactive session was closed and deleted. */
export function idleClosedDm(info: { formatName: string; channel: string; reason: CloseReason; title?: string }): MessagePayload {
  const name = info.title?.trim() ? `“${escapeBounded(info.title.trim(), 100)}”` : `An intervision session (${escapeText(info.formatName)})`;
  const why = info.reason === 'max-age' ? 'it reached the longest time a session may stay open' : 'nothing happened in it for a while';
  return {
    text: 'An intervision session was closed',
    blocks: [
      section(`${name} in ${channelLink(info.channel)} was closed because ${why}. Everything posted in it has been deleted, as promised.`, 'closed'),
      context(['You can start a new session at any time.']),
    ],
  };
}
