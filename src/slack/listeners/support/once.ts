import type { Logger } from 'pino';
import { z } from 'zod';

/**
 * Each Slack event is acted on once, by its event_id, whatever the transport.
 *
 * Slack delivers an event again when it got no ack in time, with the same
 * envelope and event_id: over HTTP with X-Slack-Retry-Num 1, 2, 3 (absent on
 * the first delivery), over Socket Mode in an envelope whose retry_attempt is
 * 0 on the first delivery and 1, 2, 3 on the retries. Bolt hands both to the
 * listeners as `context.retryNum` (@slack/socket-mode passes `retry_attempt`
 * on as `retry_num`, SocketModeReceiver that as `retryNum` to
 * `App.processEvent`), so a first delivery has retryNum undefined over HTTP
 * and 0 over Socket Mode.
 *
 * The retry counter is deliberately not used to drop anything, not even as a
 * second check: Slack retries exactly when the first delivery may never have
 * reached the bot (a dropped socket, a restart, an overloaded instance, another
 * instance behind the load balancer), and then the retry is the only copy that
 * arrives. Dropping retries would lose those events; counting on `retryNum`
 * being undefined dropped every Socket Mode event. The claim in the store
 * (claimEvent, shared by every instance on Redis) tells a repeat from a first
 * arrival whatever the transport and the counter say.
 *
 * A listener takes its event just before it acts, once it knows the event
 * concerns a session, so the bot's own posts and unrelated chatter in its
 * channels write nothing to the store.
 */

/** Slack's event ids look like Ev0123ABCD; anything else is not used as a key. */
const envelopeShape = z.object({ event_id: z.string().regex(/^Ev[A-Za-z0-9]{1,62}$/) });

export interface Delivery {
  /** Takes the event id: true for the first instance to take it (SessionService.claimEvent). */
  claim: (eventId: string) => Promise<boolean>;
  logger: Logger;
  /** The Events API envelope (Bolt's `body`). */
  body: unknown;
  /** Bolt's `context.retryNum`, for the log only. */
  retryNum: number | undefined;
  /** The event's kind, for the log ("message", "message_deleted", "user_change"). */
  event: string;
}

/**
 * True when this delivery is the first of its event to be taken, so the
 * listener should act; false for a repeat of an event already taken (here or
 * by another instance). An event without a usable event_id cannot be
 * recognised again, so it is acted on rather than dropped.
 */
export async function takeEventOnce({ claim, logger, body, retryNum, event }: Delivery): Promise<boolean> {
  const parsed = envelopeShape.safeParse(body);
  if (!parsed.success) {
    logger.warn({ event, retryNum }, 'an event without a usable event_id: acted on, though a repeat of it could not be recognised');
    return true;
  }
  const eventId = parsed.data.event_id;
  if (await claim(eventId)) return true;
  logger.info({ event, eventId, retryNum }, 'an event delivered again: already taken, not acted on twice');
  return false;
}
