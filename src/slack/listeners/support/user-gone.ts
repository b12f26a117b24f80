import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Session, UserId } from '../../../engine/session';
import type { SessionStore } from '../../../store/session-store';
import { type Block, context, section } from '../../blocks/kit';
import { channelLink, escapeBounded, mention } from '../../escape';
import { describeError } from '../../slack-errors';
import { deactivatedKey } from './deactivated';

/** The key under which the notice about one person is recorded: sent once per person, deleted at close like every other post. */
export function userGoneKey(user: UserId): string {
  return `dm:user-gone:${user}`;
}

/** The facilitator's notice that a participant can no longer be reached, and what that means for the rounds. */
function userGoneMessage(session: Session, user: UserId): { text: string; blocks: Block[] } {
  const title = session.title.trim() ? `“${escapeBounded(session.title.trim(), 100)}”` : 'your intervision session';
  const turns =
    session.settings.mode === 'async'
      ? "When a round's time runs out, their turn counts as a pass; you can also close the round early."
      : 'When it is their turn, you can skip it with “Skip turn”.';
  return {
    text: 'Someone in your intervision session cannot be reached',
    blocks: [
      section(
        `I couldn't send ${mention(user)} a message for ${title} in ${channelLink(session.channel)}: their Slack account can no longer receive messages (it may have been deactivated). ${turns}`,
        'user-gone',
      ),
      context(['Only you, the facilitator, receive this message.']),
    ],
  };
}

/**
 * The effect runner's hook for a direct message that could not reach a
 * participant (deactivated, or gone from the workspace): tells the
 * facilitator once per person, by direct message, so the session can go on
 * without waiting for them. Nothing is sent when the facilitator is the one
 * who cannot be reached.
 */
export function userGoneNotifier(store: SessionStore, client: WebClient, logger: Logger): (session: Session, user: UserId) => Promise<void> {
  return async (session, user) => {
    if (user === session.facilitator) return;
    try {
      const key = userGoneKey(user);
      const sent = await store.messages(session.id);
      // Once told that the account was deactivated, the facilitator needs no second notice about it.
      if (sent[key] || sent[deactivatedKey(user)]) return;
      const opened = await client.conversations.open({ users: session.facilitator });
      const channel = opened.channel?.id;
      if (!channel) return;
      const message = userGoneMessage(session, user);
      const posted = await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
      if (posted.ts) await store.recordMessage(session.id, key, { channel, ts: posted.ts });
      logger.info({ sessionId: session.id }, 'told the facilitator that a participant cannot be reached');
    } catch (error) {
      logger.warn({ sessionId: session.id, error: describeError(error) }, 'could not tell the facilitator that a participant cannot be reached');
    }
  };
}
