import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { SessionStore } from '../../../store/session-store';
import { type ListenerDeps, logFailure } from '../support/deps';
import { takeEventOnce } from '../support/once';

/** The private note to someone who typed in a session thread. */
export const TYPED_REPLY_TEXT =
  "Messages typed here aren't collected as inputs, and I can't delete them when the session closes. " +
  'Please use the buttons in this thread instead, and delete your message (More actions ⋯ > Delete message) to keep the session confidential.';

const typedMessage = z.object({
  channel: z.string(),
  user: z.string(),
  ts: z.string(),
  thread_ts: z.string(),
  subtype: z.undefined().optional(),
  bot_id: z.undefined().optional(),
});

/** The session whose card starts the thread `threadTs` in `channel`, if any. */
async function sessionOfThread(store: SessionStore, channel: string, threadTs: string): Promise<string | undefined> {
  for (const id of await store.listByChannel(channel)) {
    const card = (await store.messages(id)).card;
    if (card?.channel === channel && card.ts === threadTs) return id;
  }
  return undefined;
}

/**
 * A message typed by hand in a session thread: the bot can neither collect nor
 * delete it, so it asks the person, privately, to use the buttons and delete it.
 */
export function messageTyped(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, body, context, client }) => {
    const parsed = typedMessage.safeParse(event);
    if (!parsed.success || parsed.data.thread_ts === parsed.data.ts || parsed.data.user === deps.botUserId) return;
    const { channel, user, thread_ts: threadTs } = parsed.data;
    const { store } = deps.services;
    try {
      const sessionId = await sessionOfThread(store, channel, threadTs);
      if (!sessionId || !(await takeEventOnce({ store, logger: deps.logger, body, retryNum: context.retryNum, event: 'message' }))) return;
      await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, text: TYPED_REPLY_TEXT });
      deps.logger.info({ sessionId }, 'asked someone to use the buttons instead of typing in the thread');
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'message' }, error);
    }
  };
}
