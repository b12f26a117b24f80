import type { App } from '@slack/bolt';
import { z } from 'zod';
import { homeView } from '../blocks';
import { botChannels } from './support/bot-channels';
import { type ListenerDeps, logFailure } from './support/deps';
import { takeEventOnce } from './support/once';

/**
 * Events API events: a message typed by hand in a session thread (the bot
 * cannot collect or delete it, so it asks the person to use the buttons and
 * delete it), a session's card, prompt or board deleted by someone else
 * (posted again), the Home tab being opened, and an account deactivated
 * (user_change with deleted: true: the person leaves their open sessions).
 *
 * Bolt acks events itself and passes Slack's redeliveries on. An event that
 * concerns a session is taken once by its event_id (support/once.ts) just
 * before the bot acts, whatever the transport: over HTTP a first delivery has
 * no X-Slack-Retry-Num, over Socket Mode it has retry_attempt 0 (Bolt's
 * `context.retryNum` is then 0, not undefined), and a retry may be the only
 * copy that ever arrived, so the retry counter decides nothing. An event
 * without an event_id is acted on. A deactivation may also arrive again as a
 * new event (user_change for a later change of the deactivated account); each
 * session takes it once (its command id) and its notice is sent once
 * (recorded), so a repeat changes nothing. The Home tab is published whenever
 * it is opened: the same view published twice is harmless, so that event is
 * not claimed.
 */

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

const homeOpened = z.object({ user: z.string(), tab: z.string().optional() });

/** A member's data changed; only the id and whether the account is deactivated are read (never the profile). */
const userChanged = z.object({ user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]{2,30}$/), deleted: z.boolean() }) });

/** Someone deleted a message in a channel the bot is in (only ids are read; `previous_message` holds what it said). */
const deletedMessage = z.object({ subtype: z.literal('message_deleted'), channel: z.string(), deleted_ts: z.string() });

/** Registers the event listeners; with no session services, none. */
export function registerEvents(app: App, deps?: ListenerDeps): void {
  if (!deps) return;

  const { services } = deps;
  const once = (body: unknown, retryNum: number | undefined, event: string): Promise<boolean> =>
    takeEventOnce({ claim: (eventId) => services.claimEvent(eventId), logger: deps.logger, body, retryNum, event });

  app.event('message', async ({ event, body, context, client }) => {
    const deleted = deletedMessage.safeParse(event);
    if (deleted.success) {
      // The card, a prompt or a board holds the session's buttons: without it nobody could go on, so it is posted again.
      try {
        const sessionId = await services.sessionShowing(deleted.data.channel, deleted.data.deleted_ts);
        if (!sessionId || !(await once(body, context.retryNum, 'message_deleted'))) return;
        if ((await deps.services.redraw(sessionId)) === 'done') deps.logger.info({ sessionId }, 'posted a deleted session message again');
      } catch (error) {
        logFailure(deps.logger, { listener: 'event', event: 'message_deleted' }, error);
      }
      return;
    }
    const parsed = typedMessage.safeParse(event);
    if (!parsed.success || parsed.data.thread_ts === parsed.data.ts || parsed.data.user === deps.botUserId) return;
    const { channel, user, thread_ts: threadTs } = parsed.data;
    try {
      const sessionId = await services.sessionOfThread(channel, threadTs);
      if (!sessionId || !(await once(body, context.retryNum, 'message'))) return;
      await client.chat.postEphemeral({ channel, user, thread_ts: threadTs, text: TYPED_REPLY_TEXT });
      deps.logger.info({ sessionId }, 'asked someone to use the buttons instead of typing in the thread');
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'message' }, error);
    }
  });

  app.event('user_change', async ({ event, body, context, client }) => {
    const parsed = userChanged.safeParse(event);
    if (!parsed.success || !parsed.data.user.deleted || parsed.data.user.id === deps.botUserId) return;
    const user = parsed.data.user.id;
    try {
      // A repeat would change nothing, but would scan every channel of the bot again.
      if (!(await once(body, context.retryNum, 'user_change'))) return;
      const sessions = await deps.services.deactivated(user, await botChannels(client));
      deps.logger.info({ user, sessions }, 'an account was deactivated: removed from its open sessions');
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'user_change' }, error);
    }
  });

  app.event('app_home_opened', async ({ event, client }) => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    try {
      await client.views.publish({ user_id: parsed.data.user, view: homeView() });
    } catch (error) {
      logFailure(deps.logger, { listener: 'event', event: 'app_home_opened' }, error);
    }
  });
}
