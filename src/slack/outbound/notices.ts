import type { Logger } from 'pino';
import type { Session, UserId } from '../../engine/session';
import type { DeactivationNotice } from '../../service/ports';
import type { SessionStore } from '../../store/session-store';
import { channelGoneMessage, deactivatedMessage, userGoneMessage } from '../blocks/facilitator-notices';
import type { Block } from '../blocks/kit';
import type { WorkspaceAccess } from '../install/workspace-access';
import { describeError } from '../slack-errors';

/**
 * Telling whoever can act, by direct message, that something outside the
 * session changed. Each notice is sent once (recorded under its key, like
 * every post, so close deletes it too); a failure is logged with ids only
 * and never stops the session.
 */

/** The channel-gone notice's key: sent once per session. */
export const CHANNEL_GONE_KEY = 'dm:channel-gone';

/** The key of the notice that a participant cannot be reached: once per person. */
export function userGoneKey(user: UserId): string {
  return `dm:user-gone:${user}`;
}

/** The key of the notice about a deactivated person: once per person. */
export function deactivatedKey(user: UserId): string {
  return `dm:deactivated:${user}`;
}

interface Notice {
  key: string;
  to: UserId;
  message: { text: string; blocks: Block[] };
  /** For the log: what was (or could not be) told. */
  what: string;
}

/** Sends a notice unless one of `skipIf` (its own key first) was already sent. */
async function sendOnce(store: SessionStore, access: WorkspaceAccess, logger: Logger, session: Session, notice: Notice, skipIf: string[] = []): Promise<void> {
  try {
    const sent = await store.messages(session.id);
    if ([notice.key, ...skipIf].some((key) => sent[key])) return;
    const client = await access.client(session.team);
    const opened = await client.conversations.open({ users: notice.to });
    const channel = opened.channel?.id;
    if (!channel) return;
    const posted = await client.chat.postMessage({ channel, text: notice.message.text, blocks: notice.message.blocks });
    if (posted.ts) await store.recordMessage(session.id, notice.key, { channel, ts: posted.ts });
    logger.info({ sessionId: session.id }, `told ${notice.what}`);
  } catch (error) {
    logger.warn({ sessionId: session.id, error: describeError(error) }, `could not tell ${notice.what}`);
  }
}

/**
 * The outbound side's hook for a channel that is gone: tells the facilitator
 * once what happened and what they can do. The session itself is kept, so
 * nothing is lost while they decide.
 */
export function channelGoneNotifier(store: SessionStore, access: WorkspaceAccess, logger: Logger): (session: Session) => Promise<void> {
  return (session) =>
    sendOnce(store, access, logger, session, {
      key: CHANNEL_GONE_KEY,
      to: session.facilitator,
      message: channelGoneMessage(session),
      what: 'the facilitator that the session channel is gone',
    });
}

/**
 * The outbound side's hook for a direct message that could not reach a
 * participant (deactivated, or gone from the workspace): tells the
 * facilitator once per person, so the session can go on without waiting for
 * them. Nothing is sent when the facilitator is the one who cannot be reached,
 * nor after the notice that the account was deactivated.
 */
export function userGoneNotifier(store: SessionStore, access: WorkspaceAccess, logger: Logger): (session: Session, user: UserId) => Promise<void> {
  return async (session, user) => {
    if (user === session.facilitator) return;
    const notice = { key: userGoneKey(user), to: session.facilitator, message: userGoneMessage(session, user), what: 'the facilitator that a participant cannot be reached' };
    await sendOnce(store, access, logger, session, notice, [deactivatedKey(user)]);
  };
}

/**
 * The session service's notice after a deactivated person was removed from a
 * session: tells whoever can act (see deactivatedMessage), once per person and session.
 */
export function deactivatedNotifier(store: SessionStore, access: WorkspaceAccess, logger: Logger): DeactivationNotice {
  return async (session, user, was) => {
    const message = deactivatedMessage(session, user, was);
    if (!message || message.to === user) return;
    const notice = { key: deactivatedKey(user), to: message.to, message, what: 'the session that a participant was deactivated' };
    await sendOnce(store, access, logger, session, notice);
  };
}
