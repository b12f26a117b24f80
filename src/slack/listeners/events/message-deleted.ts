import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { type ListenerDeps, logFailure } from '../support/deps';
import { takeEventOnce } from '../support/once';

/** Someone deleted a message in a channel the bot is in (only ids are read; `previous_message` holds what it said). */
const deletedMessage = z.object({ subtype: z.literal('message_deleted'), channel: z.string(), deleted_ts: z.string() });

/**
 * Someone deleted a session's card, prompt or round board: it holds the
 * session's buttons, and without it nobody could go on, so it is posted again.
 */
export function messageDeleted(deps: ListenerDeps): Middleware<SlackEventMiddlewareArgs<'message'>> {
  return async ({ event, body, context }) => {
    const deleted = deletedMessage.safeParse(event);
    if (!deleted.success) return;
    try {
      const sessionId = await deps.services.sessionShowing(deleted.data.channel, deleted.data.deleted_ts);
      if (!sessionId || !(await takeEventOnce({ claim: (id) => deps.services.claimEvent(id), logger: deps.logger, body, retryNum: context.retryNum, event: 'message_deleted' }))) return;
      if ((await deps.services.redraw(sessionId)) === 'done') deps.logger.info({ sessionId }, 'posted a deleted session message again');
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'message_deleted' }, error);
    }
  };
}
