/**
 * SlackDriver: acts as Slack toward the app. It sends slash commands,
 * interactive payloads and events to the app's request URL with real
 * signatures (HTTP mode) or writes them as envelopes to the app's Socket Mode
 * connections, returns the app's answer (the HTTP response, or the envelope's
 * ack), and applies the ack the way Slack would (a command's reply message, a
 * modal's response_action).
 */
import { createHmac } from 'node:crypto';
import { userJson } from './api-read';
import { type ActionSource, blockActionsPayload, commandFields, eventEnvelope, shortcutPayload, viewClosedPayload, viewSubmissionPayload } from './driver-payloads';
import { type SubmissionOutcome, applySubmissionAck, closeTopView } from './driver-views';
import type { EmulatorPort } from './ports';
import type { SocketOutcome } from './socket-mode';
import type { Json, StateValues } from './types';

/** Slack waits this long for an ack before it shows the person an error. */
export const ACK_DEADLINE_MS = 3000;

/** Ways to forge a request, for security tests. */
export type Forgery = 'bad-signature' | 'stale-timestamp' | 'future-timestamp' | 'missing-headers';

/** Where the driver delivers: one of the two. */
export interface DriverOptions {
  /** HTTP mode: the app's request URL, e.g. http://127.0.0.1:3000/slack/events. */
  requestUrl?: string;
  /** Socket Mode: write envelopes to the app's connections (emulator.socketMode); no request URL, no signatures. */
  socketMode?: boolean;
  /** Defaults to the emulator's signing secret. */
  signingSecret?: string;
  /** Clock for signature timestamps; Bolt checks them against its real clock, so the default is Date.now. */
  signatureNow?: () => number;
}

/**
 * The app's answer: its HTTP response, or in Socket Mode its ack (status 200,
 * the ack's payload as the body) or status 0 with what Slack saw instead.
 */
export interface DriverResponse {
  status: number;
  text: string;
  /** Parsed JSON when the answer is JSON (the ack's payload in Socket Mode), else the text. */
  body: unknown;
  ms: number;
  /** Socket Mode without an ack: dispatch_failed (no connection), ack_timeout, undelivered (an event, all retries). */
  error?: string;
  /** Socket Mode: envelopes written for it (a redelivery or an event's retry adds one). */
  deliveries?: number;
}

/** An Events API delivery: the app's answer, and the envelope sent (deliver it again to retry the same event_id). */
export interface EventDelivery extends DriverResponse {
  envelope: Json;
}

/** A retry as Slack marks it over HTTP: X-Slack-Retry-Num (1, 2, 3) and X-Slack-Retry-Reason. */
export interface EventRetry {
  num: number;
  reason?: string;
}

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:{timestamp}:{body}"). */
export function signRequest(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export class SlackDriver {
  private readonly secret: string;
  private readonly signatureNow: () => number;

  constructor(
    readonly emulator: EmulatorPort,
    readonly options: DriverOptions,
    private readonly forgery?: Forgery,
  ) {
    if ((options.requestUrl === undefined) === (options.socketMode !== true)) throw new Error('A driver delivers either to a requestUrl (HTTP mode) or over Socket Mode: give exactly one');
    this.secret = options.signingSecret ?? emulator.signingSecret;
    this.signatureNow = options.signatureNow ?? Date.now;
  }

  /** Whether requests go over the app's Socket Mode connections. */
  get socketMode(): boolean {
    return this.options.socketMode === true;
  }

  /** The same driver, sending requests forged the given way (the app must answer 401); HTTP mode only. */
  forged(forgery: Forgery): SlackDriver {
    if (this.socketMode) throw new Error('Forged requests are an HTTP matter: Socket Mode has no signatures (the connection is the credential)');
    return new SlackDriver(this.emulator, this.options, forgery);
  }

  /** Sends a raw body with Slack's headers to the request URL; the lowest-level entry point (HTTP mode only). */
  async send(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<DriverResponse> {
    const { requestUrl } = this.options;
    if (requestUrl === undefined) throw new Error('send() posts to a request URL: this driver uses Socket Mode');
    // Six minutes off either way: outside Slack's five-minute window, signed correctly otherwise.
    const skew = this.forgery === 'stale-timestamp' ? -6 * 60 : this.forgery === 'future-timestamp' ? 6 * 60 : 0;
    const timestamp = Math.floor(this.signatureNow() / 1000) + skew;
    const secret = this.forgery === 'bad-signature' ? `${this.secret}-wrong` : this.secret;
    const headers: Record<string, string> = { 'content-type': contentType, ...extraHeaders };
    if (this.forgery !== 'missing-headers') {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = signRequest(secret, timestamp, body);
    }
    const started = Date.now();
    const response = await fetch(requestUrl, { method: 'POST', headers, body });
    const text = await response.text();
    const ms = Date.now() - started;
    let parsed: unknown = text;
    if ((response.headers.get('content-type') ?? '').includes('application/json') && text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, text, body: parsed, ms };
  }

  /** Sends an interactive payload (form field `payload`, or an `interactive` envelope) and checks the ack like Slack. */
  async sendPayload(payload: Json): Promise<DriverResponse> {
    const response = this.socketMode
      ? await this.overSocket(this.emulator.socketMode.request('interactive', payload))
      : await this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
    this.checkAck(String(payload.type), response);
    return response;
  }

  /** A Socket Mode outcome as the app's answer: the ack's payload as the body, as an HTTP answer would carry it. */
  private async overSocket(delivery: Promise<SocketOutcome>): Promise<DriverResponse> {
    const { outcome, payload, ms, deliveries, slowAttempts } = await delivery;
    if (slowAttempts > 0) {
      this.emulator.recordViolation('events_api', 'ack_timeout', [`${slowAttempts} attempt(s) left unacked for ${this.emulator.socketMode.ackTimeoutMs} ms (Slack retried)`]);
    }
    if (outcome !== 'acked') return { status: 0, text: outcome, body: outcome, ms, error: outcome, deliveries };
    return { status: 200, text: payload ? JSON.stringify(payload) : '', body: payload ?? '', ms, deliveries };
  }

  /** A person runs a slash command; the ack's reply (if any) appears as Slack shows it. */
  async command(a: { user: string; channel: string; command: string; text?: string }): Promise<DriverResponse & { triggerId: string; responseUrl: string }> {
    const channel = this.emulator.ws.channel(a.channel);
    if (!channel) throw new Error(`No channel ${a.channel}`);
    const triggerId = this.emulator.issueTrigger(a.user, channel.id);
    const responseUrl = this.emulator.issueResponseUrl({ user: a.user, channel: channel.id });
    const fields = commandFields(this.emulator, { ...a, channel: channel.id, text: a.text ?? '', triggerId, responseUrl });
    const response = this.socketMode
      ? await this.overSocket(this.emulator.socketMode.request('slash_commands', fields))
      : await this.send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
    this.checkAck(`command ${a.command}`, response);
    if (response.status === 200 && !this.forgery) this.applyCommandReply(responseUrl, response.body);
    return { ...response, triggerId, responseUrl };
  }

  /** A slash command's ack body is a message: plain text or JSON, ephemeral unless response_type says in_channel. */
  private applyCommandReply(responseUrl: string, body: unknown): void {
    if (body === '' || body === undefined || body === null) return;
    const reply = typeof body === 'string' ? { text: body } : body;
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    const answer = this.emulator.handleResponseUrl(id, reply, false);
    if (!answer.body.ok) this.emulator.recordViolation('command ack', String(answer.body.error), ['the command reply was refused']);
  }

  /** A person acts on an element (button click, select...) in a message, an ephemeral message, a modal or the Home tab. */
  async blockAction(a: { user: string; source: ActionSource; action: Json; touched?: StateValues }): Promise<DriverResponse> {
    const source = a.source;
    const looking = source.kind === 'message' ? source.channel : source.kind === 'ephemeral' ? this.emulator.ws.ephemerals.find((e) => e.id === source.id)?.channel : undefined;
    const triggerId = this.emulator.issueTrigger(a.user, looking);
    let responseUrl: string | undefined;
    if (a.source.kind === 'message') {
      responseUrl = this.emulator.issueResponseUrl({ user: a.user, channel: a.source.channel, source: { kind: 'message', ts: a.source.ts } });
    } else if (a.source.kind === 'ephemeral') {
      const id = a.source.id;
      const eph = this.emulator.ws.ephemerals.find((e) => e.id === id);
      if (eph) responseUrl = this.emulator.issueResponseUrl({ user: a.user, channel: eph.channel, source: { kind: 'ephemeral', id }, ...(eph.thread_ts ? { thread_ts: eph.thread_ts } : {}) });
    }
    const action = { ...a.action, action_ts: this.emulator.ws.ids.ts() };
    const payload = blockActionsPayload(this.emulator, { user: a.user, source: a.source, action, triggerId, ...(responseUrl ? { responseUrl } : {}), ...(a.touched ? { touched: a.touched } : {}) });
    return this.sendPayload(payload);
  }

  /**
   * A person uses a global shortcut (the lightning menu): a `shortcut`
   * payload with a fresh trigger_id, made while looking at `conversation`
   * (where they used it, if anywhere: a modal's default_to_current_conversation
   * starts there). Global shortcuts carry no channel in their payload.
   */
  async shortcut(a: { user: string; callbackId: string; conversation?: string }): Promise<DriverResponse & { triggerId: string }> {
    const triggerId = this.emulator.issueTrigger(a.user, a.conversation);
    const response = await this.sendPayload(shortcutPayload(this.emulator, { user: a.user, callbackId: a.callbackId, triggerId }));
    return { ...response, triggerId };
  }

  /** A person submits their top modal; the app's response_action is applied to the stack. */
  async submitView(user: string): Promise<DriverResponse & SubmissionOutcome> {
    const stack = this.emulator.ws.modalStack(user);
    const view = stack[stack.length - 1];
    if (!view) throw new Error(`${user} has no open modal to submit`);
    const payload = viewSubmissionPayload(this.emulator, user, view, this.emulator.issueTrigger(user));
    const response = await this.sendPayload(payload);
    const outcome = this.forgery ? {} : applySubmissionAck(this.emulator, user, view, response.status, response.body);
    return { ...response, ...outcome };
  }

  /** A person closes their top modal; the app hears of it only when the view asked (notify_on_close). */
  async closeView(user: string): Promise<DriverResponse | undefined> {
    const closed = closeTopView(this.emulator, user);
    if (!closed || !closed.view.notify_on_close) return undefined;
    return this.sendPayload(viewClosedPayload(this.emulator, user, closed.view, closed.cleared));
  }

  /** Wraps an event in the Events API envelope Slack sends it in, with a new event_id. */
  envelope(event: Json): Json {
    return eventEnvelope(this.emulator, event);
  }

  /**
   * Delivers an Events API event in a new envelope (a new event_id). With
   * `retry` it arrives as a retry whose first delivery never reached the app;
   * to retry an event the app did get, as Slack does, pass the returned
   * envelope to `deliver`.
   */
  async event(event: Json, retry?: EventRetry): Promise<EventDelivery> {
    const envelope = this.envelope(event);
    return { ...(await this.deliver(envelope, retry)), envelope };
  }

  /**
   * Sends an envelope as it is; a retry of it (same event_id) carries
   * X-Slack-Retry-Num and X-Slack-Retry-Reason over HTTP, retry_attempt and
   * retry_reason in Socket Mode. In Socket Mode it resolves once an attempt is
   * acked; Slack's own retries (after a lost connection or a missing ack) come
   * first.
   */
  async deliver(envelope: Json, retry?: EventRetry): Promise<DriverResponse> {
    let response: DriverResponse;
    if (this.socketMode) {
      response = await this.overSocket(this.emulator.socketMode.event(envelope, retry?.num ?? 0, retry ? (retry.reason ?? 'timeout') : ''));
    } else {
      const headers: Record<string, string> = {};
      if (retry) {
        headers['x-slack-retry-num'] = String(retry.num);
        headers['x-slack-retry-reason'] = retry.reason ?? 'http_timeout';
      }
      response = await this.send(JSON.stringify(envelope), 'application/json', headers);
    }
    const inner = envelope.event;
    const type = typeof inner === 'object' && inner !== null ? (inner as Json).type : undefined;
    this.checkAck(`event ${String(type)}`, response);
    return response;
  }

  /** Slack's user_change event for a person as they are now (e.g. deleted: true once deactivated). */
  userChange(userId: string): Promise<EventDelivery> {
    const user = this.emulator.ws.users.get(userId);
    if (!user) throw new Error(`No user ${userId} in the emulated workspace`);
    return this.event({ type: 'user_change', user: userJson(this.emulator.context, user), cache_ts: Math.floor(this.emulator.now() / 1000) });
  }

  /** Slack's url_verification handshake (HTTP mode); the app must echo the challenge. */
  urlVerification(challenge: string): Promise<DriverResponse> {
    return this.send(JSON.stringify({ token: 'emulator-verification-token', challenge, type: 'url_verification' }), 'application/json');
  }

  /** Slack's ssl_check ping (unsigned form post; HTTP mode). */
  sslCheck(): Promise<DriverResponse> {
    return this.send('ssl_check=1&token=emulator-verification-token', 'application/x-www-form-urlencoded');
  }

  /** Slack shows the person an error when the app does not ack in time or answers with an error status. */
  private checkAck(what: string, response: DriverResponse): void {
    if (this.forgery) return;
    if (response.error === 'dispatch_failed') this.emulator.recordViolation(what, 'dispatch_failed', ['the app had no Socket Mode connection open']);
    else if (response.error) this.emulator.recordViolation(what, response.error, [`no ack within ${ACK_DEADLINE_MS} ms (${response.deliveries ?? 0} envelope(s) written)`]);
    // In Socket Mode the deadline is the hub's: an event may be acked late on a retry, which Slack does not hold against it.
    else if (!this.socketMode && response.ms > ACK_DEADLINE_MS) this.emulator.recordViolation(what, 'ack_timeout', [`acked after ${response.ms} ms (Slack waits ${ACK_DEADLINE_MS} ms)`]);
    else if (response.status !== 200) this.emulator.recordViolation(what, 'app_error', [`the app answered HTTP ${response.status}`]);
  }
}
