/**
 * Events delivered the way Socket Mode delivers them, as far as the bot's
 * listeners can tell. Slack sends each event over the socket in an
 * `events_api` envelope whose `payload` is the same Events API body HTTP
 * delivers, with `retry_attempt` 0 (and `retry_reason` "") on the first
 * delivery and 1, 2, 3 on the retries. @slack/socket-mode passes them on as
 * `retry_num` and `retry_reason`, and Bolt's SocketModeReceiver calls
 * `app.processEvent({ body: payload, ack, retryNum, retryReason })`; this calls
 * that same entry point of the bot's app with what the receiver would pass.
 *
 * Not a Socket Mode emulator: no socket, no hello, no reconnects. The
 * emulator's real Socket Mode (dev/emulator/socket-mode.ts, a bot started with
 * startTestBot({ transport: 'socket' })) is the whole path, WebSocket included.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Json } from '../../dev/emulator';

/** An `events_api` message as Slack writes it to the socket. */
export interface SocketModeEnvelope {
  envelope_id: string;
  type: 'events_api';
  /** The Events API body (event_callback), as HTTP delivers it. */
  payload: Json;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/** The envelope of a delivery of `payload`: the first (attempt 0) or a retry (1, 2, 3). Each has its own envelope_id. */
export function socketModeEnvelope(payload: Json, attempt = 0, reason = attempt === 0 ? '' : 'timeout'): SocketModeEnvelope {
  return { envelope_id: randomUUID(), type: 'events_api', payload, accepts_response_payload: false, retry_attempt: attempt, retry_reason: reason };
}

/** What Bolt's SocketModeReceiver hands `app.processEvent` for an envelope (the ack aside). */
export function receiverEventOf(envelope: SocketModeEnvelope): { body: Json; retryNum: number; retryReason: string } {
  return { body: envelope.payload, retryNum: envelope.retry_attempt, retryReason: envelope.retry_reason };
}

/** Delivers an envelope to the app as SocketModeReceiver does; resolves when Bolt has run the listeners, with the acks sent. */
export async function deliverOverSocket(app: App, envelope: SocketModeEnvelope): Promise<{ acks: string[] }> {
  const acks: string[] = [];
  await app.processEvent({
    ...receiverEventOf(envelope),
    ack: async () => {
      acks.push(envelope.envelope_id);
    },
  });
  return { acks };
}
