import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../support/deps';
import { homeOpened } from './home-opened';
import { messageDeleted } from './message-deleted';
import { messageTyped } from './message-typed';
import { userChange } from './user-change';

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
 *
 * Both kinds of `message` have a listener of their own; each reads only its
 * kind (a deletion has subtype message_deleted, a typed message none), so an
 * event is never claimed by both.
 */

/** Registers the event listeners; with no session services, none. */
export function registerEvents(app: App, deps?: ListenerDeps): void {
  if (!deps) return;
  app.event('message', messageDeleted(deps));
  app.event('message', messageTyped(deps));
  app.event('user_change', userChange(deps));
  app.event('app_home_opened', homeOpened(deps));
}
