import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Session } from '../../../engine/session';
import type { SessionStore } from '../../../store/session-store';
import { type Block, actions, button, context, section } from '../../blocks/kit';
import { ACTIONS, encodeAction } from '../../ids';
import { closeButton } from '../../blocks/session-card';
import { channelLink, escapeBounded } from '../../escape';
import { describeError } from '../../slack-errors';

/** The key under which the notice is recorded: it is sent once per session, and deleted at close like every other post. */
export const CHANNEL_GONE_KEY = 'dm:channel-gone';

/** The facilitator's notice that the session's channel can no longer be used, with a Close button. */
function channelGoneMessage(session: Session): { text: string; blocks: Block[] } {
  const title = session.title.trim() ? `“${escapeBounded(session.title.trim(), 100)}”` : 'Your intervision session';
  const again = button('Continue in the channel', ACTIONS.redraw, encodeAction({ sessionId: session.id, seq: session.seq }));
  const row = actions('channel-gone-actions', [again, closeButton(session)]);
  return {
    text: 'Your intervision session cannot continue in its channel',
    blocks: [
      section(
        `${title} in ${channelLink(session.channel)} can't go on there: I can no longer post in that channel (it was archived, or I was removed from it). Nothing is lost.`,
        'channel-gone',
      ),
      section(
        'To continue, unarchive the channel or invite me back with `/invite @Intervision`, then click “Continue in the channel”. Or close the session: everything posted in it is deleted.',
        'channel-gone-what',
      ),
      context(['Only you, the facilitator, receive this message.']),
      ...(row ? [row] : []),
    ],
  };
}

/**
 * The effect runner's hook for a channel that is gone: tells the facilitator
 * once, by direct message, what happened and what they can do. The session
 * itself is kept, so nothing is lost while they decide.
 */
export function channelGoneNotifier(store: SessionStore, client: WebClient, logger: Logger): (session: Session) => Promise<void> {
  return async (session) => {
    try {
      const messages = await store.messages(session.id);
      if (messages[CHANNEL_GONE_KEY]) return;
      const opened = await client.conversations.open({ users: session.facilitator });
      const channel = opened.channel?.id;
      if (!channel) return;
      const message = channelGoneMessage(session);
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      if (posted.ts) await store.recordMessage(session.id, CHANNEL_GONE_KEY, { channel, ts: posted.ts });
      logger.info({ sessionId: session.id }, 'told the facilitator that the session channel is gone');
    } catch (error) {
      logger.warn({ sessionId: session.id, error: describeError(error) }, 'could not tell the facilitator that the channel is gone');
    }
  };
}
