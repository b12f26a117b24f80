/**
 * GET /metrics (METRICS=on) after a whole session played through Slack: the
 * series an operator watches are there, each with counts from the session
 * (ack latency by kind, dispatches, Web API calls by method and outcome, a
 * 429 and its wait, effect lag, a late timer, the purge, the sessions by
 * mode and phase), and no label holds a user, channel or workspace id, or
 * anything people wrote.
 */
import { startTestBot, PEOPLE, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { playWholeSession } from './whole-session';

/** Every text written in the session carries it. */
const MARK = 'CONFIDENTIAL-metrics';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function samples(text: string): Sample[] {
  const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
  const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  return text
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const match = line.exec(l);
      if (!match) throw new Error(`not a sample line: ${l}`);
      const labels = Object.fromEntries([...(match[2] ?? '').matchAll(label)].map((m) => [m[1], m[2]]));
      return { name: match[1] ?? '', labels, value: Number(match[3]) };
    });
}

/** The sum of a metric's samples whose labels include `labels`. */
function total(all: Sample[], name: string, labels: Record<string, string> = {}): number {
  return all.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

let bot: TestBot;

async function scrape(from: TestBot = bot): Promise<{ text: string; all: Sample[] }> {
  const response = await fetch(`http://127.0.0.1:${from.running.port ?? 0}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  const text = await response.text();
  return { text, all: samples(text) };
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename, metrics: true });
});

afterAll(async () => {
  await bot?.stop();
});

it('after a whole session the expected series have counts, and no label holds an id or anything people wrote', async () => {
  // Slack holds one card update back with a 429, so the rate-limit series have something to count.
  bot.emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
  let midway: Sample[] = [];
  const played = await playWholeSession(bot, MARK, async () => {
    midway = (await scrape()).all;
  });
  const { text, all } = await scrape();

  // Open sessions by format, mode and phase, read from the store while the session ran.
  expect(total(midway, 'intervision_sessions', { format: 'progress-focused', mode: 'call' })).toBe(1);
  expect(midway.some((s) => s.name === 'intervision_outbox_entries')).toBe(true);
  expect(midway.some((s) => s.name === 'intervision_outbox_oldest_age_seconds')).toBe(true);

  for (const kind of ['command', 'actions', 'view']) expect([kind, total(all, 'intervision_ack_seconds_count', { kind })]).toEqual([kind, expect.any(Number)]);
  expect(total(all, 'intervision_ack_seconds_count', { kind: 'actions' })).toBeGreaterThan(10);
  expect(total(all, 'intervision_ack_seconds_count', { kind: 'view' })).toBeGreaterThan(3);
  expect(total(all, 'intervision_ack_seconds_count', { kind: 'command' })).toBe(1);
  expect(total(all, 'intervision_dispatch_seconds_count', { source: 'request', outcome: 'committed' })).toBeGreaterThan(10);
  expect(total(all, 'intervision_dispatch_seconds_count', { source: 'system', outcome: 'committed' })).toBeGreaterThan(0);
  expect(total(all, 'intervision_slack_api_calls_total', { method: 'chat.postMessage', outcome: 'ok' })).toBeGreaterThan(3);
  expect(total(all, 'intervision_slack_api_calls_total', { method: 'chat.update', outcome: 'rate_limited' })).toBe(1);
  expect(total(all, 'intervision_slack_api_call_seconds_count', { method: 'chat.update' })).toBeGreaterThan(1);
  expect(total(all, 'intervision_slack_rate_limit_wait_seconds_total', { source: 'retry_after' })).toBe(1);
  expect(total(all, 'intervision_effect_lag_seconds_count', { effect: 'card' })).toBeGreaterThan(0);
  expect(total(all, 'intervision_effect_lag_seconds_count', { effect: 'phase' })).toBeGreaterThan(0);
  expect(total(all, 'intervision_timer_lateness_seconds_count')).toBeGreaterThan(0);
  // The timebox ran out a minute before the clock was moved on: that timer fired a minute late.
  expect(total(all, 'intervision_timer_lateness_seconds_sum')).toBeGreaterThanOrEqual(60);
  expect(total(all, 'intervision_purges_total', { stage: 'started' })).toBe(1);
  expect(total(all, 'intervision_purges_total', { stage: 'completed' })).toBe(1);
  expect(total(all, 'intervision_process_cpu_user_seconds_total')).toBeGreaterThan(0);

  // No label value is an id of Slack's (users, channels, workspaces, conversations), and nothing written is anywhere.
  const ids = [...Object.values(PEOPLE), DEMO.channel, DEMO.team, DEMO.bot, played.sessionId];
  for (const s of [...midway, ...all]) {
    for (const value of Object.values(s.labels)) expect([s.name, value]).not.toEqual([s.name, expect.stringMatching(/^[UCTDGWEB][A-Z0-9]{5,}$/)]);
  }
  for (const id of ids) expect(text).not.toContain(id);
  for (const written of played.written) expect(text).not.toContain(written);
  expect(text).not.toContain(MARK);
}, 60_000);

it('in Socket Mode the acks over the socket are timed too, and /metrics is served beside /healthz', async () => {
  const socket = await startTestBot({ name: `${__filename}-socket`, transport: 'socket', metrics: true });
  try {
    await socket.person(PEOPLE.alice).command('/intervision', 'help');
    await socket.settle();
    const { all } = await scrape(socket);
    expect(total(all, 'intervision_ack_seconds_count', { kind: 'command' })).toBe(1);
    expect((await fetch(`http://127.0.0.1:${socket.running.port ?? 0}/healthz`)).status).toBe(200);
  } finally {
    await socket.stop();
  }
});

it('with METRICS off (the default) there is no /metrics', async () => {
  const plain = await startTestBot({ name: `${__filename}-off` });
  try {
    expect((await fetch(`http://127.0.0.1:${plain.running.port ?? 0}/metrics`)).status).toBe(404);
  } finally {
    await plain.stop();
  }
});
