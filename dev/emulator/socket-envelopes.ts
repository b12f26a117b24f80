/**
 * Socket Mode's envelopes on their way, as Slack tracks them: a person's
 * request (written again on another connection while the person waits, given
 * up after the ack deadline) and an event (retried with retry_attempt 1 to 3,
 * the same payload and event_id, after Slack's delays). The hub
 * (socket-mode.ts) owns the connections; these only need to write, forget and
 * time (FlightHost).
 */
import { randomUUID } from 'node:crypto';
import type { Json } from './types';

export type EnvelopeType = 'events_api' | 'interactive' | 'slash_commands';

/** One envelope as written to a connection, for tests to count. */
export interface EnvelopeRecord {
  envelope_id: string;
  type: EnvelopeType;
  /** What it carries: the event's type, the interaction's type, or the command. */
  kind: string;
  /** events_api only: 0 on the first delivery, 1 to 3 on retries. */
  retry_attempt?: number;
  /** The connection it was written to: 1 for the first the app opened, and so on. */
  connection: number;
  /** Whether Slack received the app's ack for it (a lost ack does not count). */
  acked: boolean;
}

/** How a request or an event fared. */
export interface SocketOutcome {
  /** `acked`, or what Slack saw instead: no connection, no ack in time, an event never acked. */
  outcome: 'acked' | 'dispatch_failed' | 'ack_timeout' | 'undelivered';
  /** The ack's payload, when it carried one. */
  payload?: Json;
  /** From the request (or the event's first attempt) to the ack, or to giving up. */
  ms: number;
  /** Envelopes written for it: a redelivery or a retry adds one. */
  deliveries: number;
  /** Event attempts the app left unacked for 3 s on a connection that stayed open. */
  slowAttempts: number;
}

/** An envelope on its way: written to a connection (`link`, the hub's), or waiting for one. */
export interface Flight {
  message: Json & { envelope_id: string; type: EnvelopeType };
  link: unknown;
  written(): void;
  acked(payload: Json | undefined): void;
  /** Its connection closed before the ack. */
  lost(): void;
  /** Settles its request or event without an ack (the emulator is closing). */
  abandon(): void;
}

/** What a flight needs of the hub. */
export interface FlightHost {
  readonly ackTimeoutMs: number;
  /** The wait before retry 1, 2 and 3 of an event. */
  readonly retryDelays: readonly number[];
  /** Writes it to a connection, or keeps it for the next one. */
  dispatch(flight: Flight): void;
  forget(flight: Flight): void;
  later(fn: () => void, ms: number): NodeJS.Timeout;
  clear(timer: NodeJS.Timeout | undefined): void;
  /** How to settle each request and event not yet settled, should the emulator close. */
  readonly outstanding: Set<() => void>;
}

export const EVENT_RETRIES = 3;
export const SLACK_EVENT_RETRY_DELAYS_MS: readonly number[] = [0, 60_000, 300_000];

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What an envelope carries, for the record: the event's type, the interaction's type, or the command. */
export function kindOf(type: EnvelopeType, payload: Json): string {
  if (type === 'slash_commands') return String(payload.command);
  if (type === 'events_api') return String((isObject(payload.event) ? payload.event : {}).type);
  return String(payload.type);
}

/** A person's request on an open connection: resolves when the app acks it, or with ack_timeout once the person saw an error. */
export function deliverRequest(host: FlightHost, type: 'interactive' | 'slash_commands', payload: Json): Promise<SocketOutcome> {
  const started = Date.now();
  const acceptsResponse = type === 'slash_commands' || ['view_submission', 'block_suggestion'].includes(String(payload.type));
  const message = { envelope_id: randomUUID(), type, payload, accepts_response_payload: acceptsResponse };
  return new Promise((resolve) => {
    let deliveries = 0;
    const done = (outcome: SocketOutcome['outcome'], ack?: Json): void => {
      host.clear(deadline);
      host.forget(flight);
      host.outstanding.delete(flight.abandon);
      resolve({ outcome, ...(ack ? { payload: ack } : {}), ms: Date.now() - started, deliveries, slowAttempts: 0 });
    };
    const flight: Flight = {
      message,
      link: undefined,
      written: () => (deliveries += 1),
      acked: (ack) => done('acked', ack),
      // Written again, same envelope, while the person still waits.
      lost: () => host.dispatch(flight),
      abandon: () => done('ack_timeout'),
    };
    const deadline = host.later(() => done('ack_timeout'), host.ackTimeoutMs);
    host.outstanding.add(flight.abandon);
    host.dispatch(flight);
  });
}

/** An Events API body: resolves once an attempt is acked, or with undelivered when all four were not. `first` > 0 starts as that retry. */
export function deliverEvent(host: FlightHost, payload: Json, first: number, reason: string): Promise<SocketOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let deliveries = 0;
    let slowAttempts = 0;
    const finish = (outcome: SocketOutcome['outcome']): void => {
      host.outstanding.delete(abandon);
      resolve({ outcome, ms: Date.now() - started, deliveries, slowAttempts });
    };
    const abandon = (): void => finish('undelivered');
    host.outstanding.add(abandon);
    const attempt = (n: number, why: string): void => {
      const message = { envelope_id: randomUUID(), type: 'events_api' as const, payload, accepts_response_payload: false, retry_attempt: n, retry_reason: why };
      let timer: NodeJS.Timeout | undefined;
      const failed = (): void => {
        host.clear(timer);
        host.forget(flight);
        if (n >= EVENT_RETRIES) finish('undelivered');
        else host.later(() => attempt(n + 1, 'timeout'), host.retryDelays[n] ?? 0);
      };
      const flight: Flight = {
        message,
        link: undefined,
        written: () => {
          deliveries += 1;
          timer = host.later(() => {
            slowAttempts += 1;
            failed();
          }, host.ackTimeoutMs);
        },
        acked: () => {
          host.clear(timer);
          host.forget(flight);
          finish('acked');
        },
        lost: failed,
        abandon,
      };
      host.dispatch(flight);
    };
    attempt(first, reason);
  });
}
