import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Session, UserId } from '../../engine/session';
import type { SessionStore } from '../../store/session-store';
import { type Block, actions, context, section } from '../blocks/kit';
import { closeButton } from '../blocks/session-card';
import { channelLink, escapeBounded, mention } from '../escape';
import { describeError } from './slack-errors';

/**
 * An account deactivated in Slack while its owner takes part in sessions.
 * Slack's user_change event (deleted: true) reaches events.ts; the bot's
 * channels are listed here (users.conversations), Services.deactivated finds
 * the open sessions in them that the person takes part in and sends each the
 * system's removal, and the notifier below tells the person who can act.
 */

/** The roles the person held in the session before the removal. */
export interface FormerRoles {
  facilitator: boolean;
  presenter: boolean;
  member: boolean;
}

/** The key under which the notice about one person is recorded: sent once per person, deleted at close like every other post. */
export function deactivatedKey(user: UserId): string {
  return `dm:deactivated:${user}`;
}

/** Most pages of channels read for one deactivation (200 channels a page). */
const MAX_PAGES = 50;

/** The channels the bot is in (public and private, archived ones too: a session there still exists). */
export async function botChannels(client: WebClient): Promise<string[]> {
  const channels: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.users.conversations({ types: 'public_channel,private_channel', limit: 200, ...(cursor ? { cursor } : {}) });
    for (const channel of answer.channels ?? []) if (channel.id) channels.push(channel.id);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return channels;
}

function titleOf(session: Session): string {
  return session.title.trim() ? `“${escapeBounded(session.title.trim(), 100)}”` : 'your intervision session';
}

/**
 * Who hears of it, and what: the facilitator, about a member or the
 * presenter; the presenter, about the facilitator. Names are mentions; no
 * case content, only the title the channel already shows.
 */
export function deactivatedMessage(session: Session, user: UserId, was: FormerRoles, idleDays: number): { to: UserId; text: string; blocks: Block[] } | undefined {
  const where = `${titleOf(session)} in ${channelLink(session.channel)}`;
  if (was.presenter) {
    const paused = session.status === 'paused' ? 'I paused the session: it cannot go on without its presenter.' : 'The session cannot go on without its presenter.';
    const row = session.status === 'closing' ? null : actions('deactivated-actions', [closeButton(session)]);
    return {
      to: session.facilitator,
      text: 'The presenter of your intervision session can no longer take part',
      blocks: [
        section(`${mention(user)}, the presenter of ${where}, can no longer take part: their Slack account was deactivated. ${paused}`, 'deactivated'),
        section('You can close it now; closing deletes everything posted in it.', 'deactivated-what'),
        context(['Only you, the facilitator, receive this message.']),
        ...(row ? [row] : []),
      ],
    };
  }
  if (was.facilitator) {
    const turns = was.member ? ' They no longer take turns in the rounds.' : '';
    return {
      to: session.presenter,
      text: 'The facilitator of your intervision session can no longer take part',
      blocks: [
        section(`${mention(user)}, the facilitator of ${where}, can no longer take part: their Slack account was deactivated.${turns}`, 'deactivated'),
        section(
          `The session can go on: each step ends by itself once everyone has had their turn. Only the facilitator can skip a turn, give more time or close the session, so if it comes to a standstill it is closed, and everything posted in it deleted, after ${idleDays} ${idleDays === 1 ? 'day' : 'days'} without activity.`,
          'deactivated-what',
        ),
        context(['Only you, the presenter, receive this message.']),
      ],
    };
  }
  if (!was.member) return undefined;
  const goesOn =
    session.status === 'running' || session.status === 'paused'
      ? ' Their turns no longer count, so the rounds go on without them; what they already gave stays in the session.'
      : '';
  return {
    to: session.facilitator,
    text: 'A member of your intervision session can no longer take part',
    blocks: [
      section(`${mention(user)} can no longer take part in ${where}: their Slack account was deactivated, so they are no longer a member.${goesOn}`, 'deactivated'),
      context(['Only you, the facilitator, receive this message.']),
    ],
  };
}

/**
 * Services' hook after a deactivated person was removed from a session:
 * tells whoever can act, once per person and session, by direct message.
 * A failure is logged (ids only) and does not stop the other sessions.
 */
export function deactivatedNotifier(
  store: SessionStore,
  client: WebClient,
  logger: Logger,
  idleDays: number,
): (session: Session, user: UserId, was: FormerRoles) => Promise<void> {
  return async (session, user, was) => {
    const message = deactivatedMessage(session, user, was, idleDays);
    if (!message || message.to === user) return;
    try {
      const key = deactivatedKey(user);
      if ((await store.messages(session.id))[key]) return;
      const opened = await client.conversations.open({ users: message.to });
      const channel = opened.channel?.id;
      if (!channel) return;
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      if (posted.ts) await store.recordMessage(session.id, key, { channel, ts: posted.ts });
      logger.info({ sessionId: session.id }, 'told the session that a participant was deactivated');
    } catch (error) {
      logger.warn({ sessionId: session.id, error: describeError(error) }, 'could not tell the session that a participant was deactivated');
    }
  };
}
