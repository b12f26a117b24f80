/**
 * Slack's side of Socket Mode. `apps.connections.open` (with the app-level
 * token) hands out a single-use WebSocket URL (`open()`); the app connects
 * and is greeted with `hello`; Slack writes envelopes (`events_api`,
 * `interactive`, `slash_commands`) which the app acks by envelope_id, with a
 * payload where the request wants an answer (a modal's response_action, a
 * command's reply). Slack asks the app to reconnect with `disconnect`
 * (`refresh_requested`, `warning`), and pings the connection.
 *
 * Delivery, as the emulator plays it (Slack documents only part of it; see
 * README.md, "Socket Mode"):
 * - a person's request (a click, a submission, a command) needs an open
 *   connection, or the person sees `dispatch_failed`; unacked when its
 *   connection closes, it is written again on another (or the next) connection
 *   while the person still waits; unacked after 3 s, the person sees an error
 *   (`ack_timeout`) and nothing is sent again;
 * - an event waits for a connection; an attempt unacked in 3 s, or whose
 *   connection closed first, is retried as Slack retries events: a new
 *   envelope with the same event_id, retry_attempt 1, 2, 3 and retry_reason
 *   "timeout", after the delays of `eventRetryDelaysMs`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import {
  type EnvelopeRecord,
  type Flight,
  type FlightHost,
  type SocketOutcome,
  SLACK_EVENT_RETRY_DELAYS_MS,
  deliverEvent,
  deliverRequest,
  isObject,
  kindOf,
} from './socket-envelopes';
import type { Json } from './types';

export type { EnvelopeRecord, EnvelopeType, SocketOutcome } from './socket-envelopes';
export { EVENT_RETRIES } from './socket-envelopes';
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

export interface SocketModeOptions {
  /** How long Slack waits for an ack (ms). */
  ackTimeoutMs?: number;
  /** The wait before retry 1, 2 and 3 of an unacked event (Slack: at once, after a minute, after five). */
  eventRetryDelaysMs?: readonly number[];
  /** How often Slack pings each connection (ms; 0: never). */
  pingIntervalMs?: number;
  /** How long after a `disconnect` message Slack closes a connection the app keeps open (ms). */
  disconnectGraceMs?: number;
}

interface Link {
  id: number;
  socket: WebSocket;
  /** Told to disconnect: new envelopes go to another connection when there is one. */
  draining: boolean;
  timers: NodeJS.Timeout[];
}

export class SocketModeHub {
  readonly envelopes: EnvelopeRecord[] = [];
  /** `disconnect` messages sent, by connection. */
  readonly disconnects: Array<{ connection: number; reason: DisconnectReason }> = [];
  /** Connections the app opened (each greeted with hello). */
  opened = 0;
  /** Connections Slack dropped without a close handshake. */
  dropped = 0;
  /** Acks the app sent that Slack never received (`loseNextAck`). */
  lostAcks = 0;
  private readonly links = new Set<Link>();
  private readonly tickets = new Set<string>();
  private readonly flights = new Map<string, Flight>();
  /** How to settle each request and event not yet settled. */
  private readonly outstanding = new Set<() => void>();
  private waiting: Flight[] = [];
  private server: WebSocketServer | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private baseUrl: string | undefined;
  private acksToLose = 0;
  private closed = false;
  private next = 0;
  readonly ackTimeoutMs: number;
  private readonly retryDelays: readonly number[];
  private readonly pingIntervalMs: number;
  private readonly graceMs: number;
  /** What the envelopes on their way use of the hub. */
  private readonly host: FlightHost;

  constructor(
    private readonly appId: () => string,
    options: SocketModeOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 3000;
    this.retryDelays = options.eventRetryDelaysMs ?? SLACK_EVENT_RETRY_DELAYS_MS;
    this.pingIntervalMs = options.pingIntervalMs ?? 5000;
    this.graceMs = options.disconnectGraceMs ?? 10_000;
    this.host = {
      ackTimeoutMs: this.ackTimeoutMs,
      retryDelays: this.retryDelays,
      dispatch: (flight) => this.dispatch(flight),
      forget: (flight) => this.forget(flight),
      later: (fn, ms) => this.later(fn, ms),
      clear: (timer) => this.clear(timer),
      outstanding: this.outstanding,
    };
  }

  /** Serves the WebSocket URLs on the emulator's HTTP server (`base` is its http:// URL). */
  attach(server: Server, base: string): void {
    this.baseUrl = base.replace(/^http/, 'ws');
    this.closed = false;
    const sockets = new WebSocketServer({ noServer: true });
    this.server = sockets;
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const ticket = url.searchParams.get('ticket') ?? '';
      // Each URL is good for one connection.
      if (!/^\/link\/?$/.test(url.pathname) || !this.tickets.delete(ticket) || this.closed) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      sockets.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
    });
  }

  /** A new single-use WebSocket URL, as apps.connections.open returns it. */
  open(): string {
    if (!this.baseUrl) throw new Error('The emulator is not listening yet: await emulator.listen()');
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.baseUrl}/link/?ticket=${ticket}&app_id=${this.appId()}`;
  }

  /** Open connections. */
  get connections(): number {
    return this.links.size;
  }

  /** A person's request: resolves when the app acks it, or with what the person saw instead (dispatch_failed without a connection). */
  request(type: 'interactive' | 'slash_commands', payload: Json): Promise<SocketOutcome> {
    if (!this.pick()) return Promise.resolve({ outcome: 'dispatch_failed', ms: 0, deliveries: 0, slowAttempts: 0 });
    return deliverRequest(this.host, type, payload);
  }

  /** An Events API body: resolves once an attempt is acked, or all four were not. `first` > 0 starts as that retry. */
  event(payload: Json, first = 0, reason = first === 0 ? '' : 'timeout'): Promise<SocketOutcome> {
    return deliverEvent(this.host, payload, first, reason);
  }

  /** Sends `disconnect` on every open connection; Slack closes any the app keeps open after the grace period. */
  disconnect(reason: DisconnectReason = 'refresh_requested'): number {
    const links = [...this.links].filter((link) => !link.draining);
    for (const link of links) {
      link.draining = true;
      this.disconnects.push({ connection: link.id, reason });
      link.socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator' } }));
      link.timers.push(setTimeout(() => link.socket.terminate(), this.graceMs).unref());
    }
    return links.length;
  }

  /** Drops every open connection at once, without a close handshake (a network failure). */
  drop(): number {
    const links = [...this.links];
    for (const link of links) link.socket.terminate();
    this.dropped += links.length;
    return links.length;
  }

  /** The next `count` acks are lost: each connection an ack arrives on is dropped before Slack reads it. */
  loseNextAck(count = 1): void {
    this.acksToLose += count;
  }

  /** Closes every connection and gives up what is still on its way. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const abandon of [...this.outstanding]) abandon();
    this.flights.clear();
    this.waiting = [];
    for (const link of this.links) link.socket.terminate();
    this.server?.close();
    this.server = undefined;
  }

  private connected(socket: WebSocket): void {
    this.opened += 1;
    const link: Link = { id: this.opened, socket, draining: false, timers: [] };
    this.links.add(link);
    if (this.pingIntervalMs > 0) link.timers.push(setInterval(() => socket.ping(), this.pingIntervalMs).unref());
    socket.on('message', (data: RawData) => this.received(link, data));
    socket.on('close', () => this.closedLink(link));
    socket.on('error', () => socket.terminate());
    const hello = { type: 'hello', num_connections: this.links.size, debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: this.appId() } };
    socket.send(JSON.stringify(hello));
    const waiting = this.waiting;
    this.waiting = [];
    for (const flight of waiting) this.dispatch(flight);
  }

  private closedLink(link: Link): void {
    this.links.delete(link);
    for (const timer of link.timers) clearTimeout(timer);
    for (const flight of [...this.flights.values()]) {
      if (flight.link !== link) continue;
      this.flights.delete(flight.message.envelope_id);
      if (!this.closed) flight.lost();
    }
  }

  private received(link: Link, data: RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (!isObject(message) || typeof message.envelope_id !== 'string') return;
    // Lost whether or not Slack still waits for it, so a slow ack cannot slip past a test that asked for a drop.
    if (this.acksToLose > 0) {
      this.acksToLose -= 1;
      this.lostAcks += 1;
      this.dropped += 1;
      link.socket.terminate();
      return;
    }
    // A late ack (Slack gave up on it) or one for an envelope never sent: Slack ignores it.
    const flight = this.flights.get(message.envelope_id);
    if (!flight) return;
    for (const record of this.envelopes) if (record.envelope_id === message.envelope_id) record.acked = true;
    const payload = isObject(message.payload) && Object.keys(message.payload).length > 0 ? message.payload : undefined;
    flight.acked(payload);
  }

  /** Writes a flight to a connection, or keeps it for the next one. */
  private dispatch(flight: Flight): void {
    if (this.closed) return flight.abandon();
    const link = this.pick();
    if (!link) {
      flight.link = undefined;
      this.waiting.push(flight);
      return;
    }
    flight.link = link;
    this.flights.set(flight.message.envelope_id, flight);
    const { message } = flight;
    const record: EnvelopeRecord = {
      envelope_id: message.envelope_id,
      type: message.type,
      kind: kindOf(message.type, isObject(message.payload) ? message.payload : {}),
      ...(typeof message.retry_attempt === 'number' ? { retry_attempt: message.retry_attempt } : {}),
      connection: link.id,
      acked: false,
    };
    this.envelopes.push(record);
    flight.written();
    link.socket.send(JSON.stringify(message));
  }

  /** An open connection, taking turns; one told to disconnect only when there is no other. */
  private pick(): Link | undefined {
    const open = [...this.links].filter((link) => link.socket.readyState === link.socket.OPEN);
    const fresh = open.filter((link) => !link.draining);
    const choices = fresh.length > 0 ? fresh : open;
    if (choices.length === 0) return undefined;
    this.next = (this.next + 1) % choices.length;
    return choices[this.next];
  }

  private forget(flight: Flight): void {
    this.flights.delete(flight.message.envelope_id);
    this.waiting = this.waiting.filter((f) => f !== flight);
  }

  private later(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private clear(timer: NodeJS.Timeout | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }
}
