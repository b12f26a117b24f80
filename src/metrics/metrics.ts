/**
 * What the bot tells its operators about itself (GET /metrics, METRICS=on):
 * how fast people are answered, how the work behind them keeps up, how Slack
 * and Redis treat it. Every part of the bot reports through this interface,
 * handed to it by the composition root; with METRICS off it is `noMetrics`,
 * which does nothing, so no call site needs to ask.
 *
 * Labels only ever carry names from small, fixed sets: request kinds, Web API
 * method names and Slack's error codes, effect and timer kinds, format, mode
 * and phase ids, connection roles. Never a user, channel or workspace id, and
 * never anything people wrote (prometheus.ts enforces the shapes).
 */

/** Who asked for a change: a person (a request) or the bot itself (a timer, a deactivation). */
export type DispatchSource = 'request' | 'system';

/** A purge (a closed session's deletion): begun by its close, taken up again by the sweep, or done. */
export type PurgeStage = 'started' | 'resumed' | 'completed';

/** Where time was spent waiting on Slack's rate limits: Slack's own Retry-After, or the bot's chat.update budget. */
export type RateLimitSource = 'retry_after' | 'budget';

/** Figures of the whole store (every instance sees the same), read when /metrics is scraped. */
export interface Census {
  /** Open sessions, counted by format, mode (live, call, async) and phase (the phase id, or open/ended/closing). */
  sessions: Array<{ format: string; mode: string; phase: string; count: number }>;
  outbox: {
    /** Sessions with effects waiting. */
    sessions: number;
    /** Effects waiting, over every session. */
    entries: number;
    /** When the oldest waiting effect was committed (ms); undefined when none waits. */
    oldestAt: number | undefined;
  };
}

export interface Metrics {
  /** False for `noMetrics`: /metrics is not served. */
  readonly enabled: boolean;
  /** A request answered (acked) to Slack, by the kind of request. */
  ack(kind: string, seconds: number): void;
  /** A command decided and committed (or refused), by who asked and how it ended. */
  dispatch(source: DispatchSource, outcome: string, seconds: number): void;
  /** One HTTP call to Slack's Web API: the method, and "ok", "rate_limited", Slack's error code, "http_<status>" or "network". */
  slackCall(method: string, outcome: string, seconds: number): void;
  /** Time spent waiting before a Web API call because of rate limits. */
  rateLimitWait(source: RateLimitSource, seconds: number): void;
  /** An effect reached Slack this long after its change was committed. */
  effectLag(effect: string, seconds: number): void;
  /** A timer fired this long after it was due. */
  timerLateness(kind: string, seconds: number): void;
  purge(stage: PurgeStage): void;
  /** A Redis connection reported an error, or began to reconnect. */
  redisEvent(connection: string, event: 'error' | 'reconnect'): void;
  /** A person was told the bot is temporarily unavailable (the store did not answer). */
  unavailable(): void;
  /** How to read the store's figures when scraped (at most once every few seconds). */
  readCensusWith(read: () => Promise<Census>): void;
  /** The Prometheus text exposition of every metric. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

const nothing = (): void => undefined;

/** METRICS off: every report is dropped, and nothing is served. */
export const noMetrics: Metrics = {
  enabled: false,
  ack: nothing,
  dispatch: nothing,
  slackCall: nothing,
  rateLimitWait: nothing,
  effectLag: nothing,
  timerLateness: nothing,
  purge: nothing,
  redisEvent: nothing,
  unavailable: nothing,
  readCensusWith: nothing,
  scrape: async () => ({ contentType: 'text/plain', body: '' }),
};

/** Seconds since `startedMs` (a performance.now() or Date.now() reading of the same clock as `nowMs`). */
export function secondsSince(startedMs: number, nowMs: number): number {
  return Math.max(0, nowMs - startedMs) / 1000;
}
