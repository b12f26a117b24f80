import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { isStoreUnavailable } from '../../../store/errors';
import { langOf, t, translator } from '../../../i18n';
import { type ListenerDeps, logFailure } from '../support/deps';
import { takeEventOnce } from '../support/once';
import { personTr } from '../support/speech';

/** The private note to someone who typed in a session thread (in English; sent in the session's language). */
export const TYPED_REPLY_TEXT = t('en', 'replies:typed');

const typedMessage = z.object({
  channel: z.string(),
  user: z.string(),
  ts: z.string(),
  thread_ts: z.string(),
  /** Who posted the thread's first message (Slack sends it with every reply). */
  parent_user_id: z.string().optional(),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

/**
 * A message typed by hand in a session thread: the bot can neither collect nor
 * delete it, so it asks the person, privately, to use the buttons and delete it.
 * While the store is away the bot cannot tell a session's thread from another;
 * in a thread under one of its own messages (a session card) it then says it
 * is unavailable for now, rather than nothing.
 */
export function messageTyped(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, body, context, client }) => {
    const parsed = typedMessage.safeParse(event);
    if (!parsed.success || parsed.data.thread_ts === parsed.data.ts || parsed.data.user === deps.botUserId) return;
    const { channel, user, thread_ts: threadTs } = parsed.data;
    try {
      const sessionId = await deps.services.sessionOfThread(channel, threadTs);
      if (!sessionId || !(await takeEventOnce({ claim: (id) => deps.services.claimEvent(id), logger: deps.logger, body, retryNum: context.retryNum, event: 'message' }))) return;
      // In the session's language (a session that cannot be read: the person's own).
      const session = await deps.services.load(sessionId).catch(() => null);
      const tr = session ? translator(langOf(session)) : await personTr(deps, user);
      await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, text: tr('replies:typed') });
      deps.logger.info({ sessionId }, 'asked someone to use the buttons instead of typing in the thread');
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'message' }, error);
      if (!isStoreUnavailable(error) || parsed.data.parent_user_id !== deps.botUserId) return;
      const tr = await personTr(deps, user);
      await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, text: tr('replies:unavailable') }).catch((notified: unknown) => {
        logFailure(deps.logger, { listener: 'event', event: 'message' }, notified);
      });
    }
  };
}
