/**
 * The metrics in Prometheus's text format (prom-client), in a registry of
 * this bot's own: not prom-client's global one, so several bots in one
 * process (the tests) keep their figures apart. docs/operations.md says what
 * each one means and which alerts are worth setting.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Census, Metrics } from './metrics';

/** Label values must have one of these shapes, or they are reported as "other": nothing else can slip into a label. */
const SHAPES = {
  /** Request, effect and timer kinds, format, mode and phase ids, outcomes, Slack's error codes. */
  name: /^[a-z][a-z0-9_-]{0,63}$/,
  /** Web API methods: chat.postMessage, conversations.history, … */
  method: /^[a-z]+(\.[a-zA-Z]+){1,3}$/,
} as const;

function bounded(value: string, shape: RegExp): string {
  return shape.test(value) ? value : 'other';
}

/** How long the store's figures are reused between scrapes: scanning the store is not free. */
const CENSUS_MAX_AGE_MS = 10_000;

const SECONDS_FAST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const SECONDS_SLOW = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

/** The histograms and counters the parts of the bot report into. */
function instruments(registry: Registry) {
  const registers = [registry];
  return {
    ack: new Histogram({ name: 'intervision_ack_seconds', help: 'Time from a request reaching the bot to its answer (ack) to Slack, by kind of request.', labelNames: ['kind'], buckets: SECONDS_FAST, registers }),
    dispatch: new Histogram({ name: 'intervision_dispatch_seconds', help: 'Time to decide and commit one command (load, engine, commit, retries on conflict).', labelNames: ['source', 'outcome'], buckets: SECONDS_FAST, registers }),
    slackCalls: new Counter({ name: 'intervision_slack_api_calls_total', help: 'HTTP calls to Slack\'s Web API, by method and outcome (ok, rate_limited, Slack\'s error code, http_<status>, network).', labelNames: ['method', 'outcome'], registers }),
    slackSeconds: new Histogram({ name: 'intervision_slack_api_call_seconds', help: 'Duration of one HTTP call to Slack\'s Web API, by method.', labelNames: ['method'], buckets: SECONDS_FAST, registers }),
    rateLimitWait: new Counter({ name: 'intervision_slack_rate_limit_wait_seconds_total', help: 'Seconds spent waiting on rate limits: Slack\'s Retry-After (retry_after) or the chat.update budget (budget).', labelNames: ['source'], registers }),
    effectLag: new Histogram({ name: 'intervision_effect_lag_seconds', help: 'Time from a change\'s commit to its effect carried out in Slack, by effect.', labelNames: ['effect'], buckets: SECONDS_SLOW, registers }),
    timerLateness: new Histogram({ name: 'intervision_timer_lateness_seconds', help: 'How late a timer fired after it was due, by kind.', labelNames: ['timer'], buckets: SECONDS_SLOW, registers }),
    purges: new Counter({ name: 'intervision_purges_total', help: 'Purges of closed sessions: started (by a close), resumed (by the recovery sweep), completed.', labelNames: ['stage'], registers }),
    redisEvents: new Counter({ name: 'intervision_redis_events_total', help: 'Redis connection errors and reconnect attempts, by connection (work, requests).', labelNames: ['connection', 'event'], registers }),
    unavailable: new Counter({ name: 'intervision_unavailable_answers_total', help: 'Clicks, commands and events answered "temporarily unavailable" because the store did not answer.', registers }),
  };
}

/** The gauges read from the store when scraped (the same figures from every instance). */
function censusGauges(registry: Registry, census: () => Promise<Census | undefined>, now: () => number): void {
  const registers = [registry];
  new Gauge({
    name: 'intervision_sessions',
    help: 'Open sessions in the store, by format, mode (live, call, async) and phase (phase id, or open, ended, closing).',
    labelNames: ['format', 'mode', 'phase'],
    registers,
    async collect() {
      const read = await census();
      this.reset();
      for (const group of read?.sessions ?? []) {
        const labels = { format: bounded(group.format, SHAPES.name), mode: bounded(group.mode, SHAPES.name), phase: bounded(group.phase, SHAPES.name) };
        this.inc(labels, group.count);
      }
    },
  });
  new Gauge({
    name: 'intervision_outbox_entries',
    help: 'Effects committed and not yet carried out, over every session.',
    registers,
    async collect() {
      this.set((await census())?.outbox.entries ?? 0);
    },
  });
  new Gauge({
    name: 'intervision_outbox_sessions',
    help: 'Sessions with effects waiting in their outbox.',
    registers,
    async collect() {
      this.set((await census())?.outbox.sessions ?? 0);
    },
  });
  new Gauge({
    name: 'intervision_outbox_oldest_age_seconds',
    help: 'Age of the oldest effect waiting in any outbox (0 when none waits).',
    registers,
    async collect() {
      const oldest = (await census())?.outbox.oldestAt;
      this.set(oldest === undefined ? 0 : Math.max(0, now() - oldest) / 1000);
    },
  });
}

/** Reads the census at most once every CENSUS_MAX_AGE_MS, however many gauges ask; undefined when it cannot be read. */
function cachedCensus(now: () => number, failed: () => void): { get: () => Promise<Census | undefined>; set: (read: () => Promise<Census>) => void } {
  let reader: (() => Promise<Census>) | undefined;
  let last: { at: number; value: Promise<Census | undefined> } | undefined;
  return {
    set: (read) => {
      reader = read;
    },
    get: () => {
      if (!reader) return Promise.resolve(undefined);
      if (!last || now() - last.at >= CENSUS_MAX_AGE_MS) {
        const value = reader().catch(() => {
          failed();
          return undefined;
        });
        last = { at: now(), value };
      }
      return last.value;
    },
  };
}

export interface PrometheusOptions {
  /** Wall clock (ms), for the census's ages. */
  now?: () => number;
  /** Node's own figures (memory, CPU, event loop lag); on unless false (tests with many bots turn it off). */
  processMetrics?: boolean;
}

/** METRICS on: a registry of this bot's own, with every metric of docs/operations.md. */
export function prometheusMetrics(options: PrometheusOptions = {}): Metrics {
  const now = options.now ?? Date.now;
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'intervision_' });
  const m = instruments(registry);
  let failures = 0;
  const census = cachedCensus(now, () => void (failures += 1));
  censusGauges(registry, census.get, now);
  new Gauge({
    name: 'intervision_census_errors',
    help: 'Times the store\'s figures could not be read for a scrape, since the process started.',
    registers: [registry],
    async collect() {
      await census.get();
      this.set(failures);
    },
  });
  return {
    enabled: true,
    ack: (kind, seconds) => m.ack.observe({ kind: bounded(kind, SHAPES.name) }, seconds),
    dispatch: (source, outcome, seconds) => m.dispatch.observe({ source, outcome: bounded(outcome, SHAPES.name) }, seconds),
    slackCall: (method, outcome, seconds) => {
      const name = bounded(method, SHAPES.method);
      m.slackCalls.inc({ method: name, outcome: bounded(outcome, SHAPES.name) });
      m.slackSeconds.observe({ method: name }, seconds);
    },
    rateLimitWait: (source, seconds) => m.rateLimitWait.inc({ source }, seconds),
    effectLag: (effect, seconds) => m.effectLag.observe({ effect: bounded(effect, SHAPES.name) }, seconds),
    timerLateness: (kind, seconds) => m.timerLateness.observe({ timer: bounded(kind, SHAPES.name) }, seconds),
    purge: (stage) => m.purges.inc({ stage }),
    redisEvent: (connection, event) => m.redisEvents.inc({ connection: bounded(connection, SHAPES.name), event }),
    unavailable: () => m.unavailable.inc(),
    readCensusWith: census.set,
    scrape: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
