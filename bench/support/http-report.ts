/** The rows bench:http prints for each pass, with the issue's targets beside the figures they hold. */
import { num, percentile, type Row } from './report';
import type { PassResult } from './http-pass';

export const TARGETS = { cpuRatio: 2, p99Ratio: 2, p99RatioAtSessions: 100, creationP99Ms: 300, creationAtSessions: 100, updatesPerAction: 1.2, redisPerTransition: 8, idleRssMb: 150, tierLagMs: 2000 };

/** The view_submission of the creation form (its callback_id). */
const CREATION = 'view_submission:iv_new-session';

const ms = (value: number): string => (Number.isFinite(value) ? `${num(value, value < 10 ? 2 : value < 100 ? 1 : 0)} ms` : 'n/a');
const spread = (values: number[]): string => `${ms(percentile(values, 50))} / ${ms(percentile(values, 99))} / ${ms(Math.max(...values))}`;
const ratio = (a: number, b: number): number => (b > 0 ? a / b : Number.NaN);
const times = (value: number): string => `${num(value, 2)}x`;
const per = (n: number, d: number): number => (d > 0 ? n / d : Number.NaN);
const mb = (bytes: number): string => `${num(bytes / (1024 * 1024), 1)} MB`;

/** "name 1.23, other 0.40" for the largest entries of a count map, each divided by `by`. */
function breakdown(counts: Map<string, number>, by: number, top = 8): string {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, n]) => `${name} ${num(n / by, by === 1 ? 0 : 2)}`).join(', ');
}

function ackRows(r: PassResult): Row[] {
  const mirrored = r.acks.filter((a) => a.bareMs !== undefined);
  const bot = mirrored.map((a) => a.botMs);
  const bare = mirrored.map((a) => a.bareMs ?? 0);
  const p99 = ratio(percentile(bot, 99), percentile(bare, 99));
  const held = r.spec.sessions >= TARGETS.p99RatioAtSessions;
  const cpuBot = per(r.cpuMs.bot, r.acks.length);
  const cpuBare = per(r.cpuMs.bare, mirrored.length);
  return [
    { label: 'ack p50 / p99 / max: bot', value: spread(bot) },
    { label: 'ack p50 / p99 / max: bare Bolt app', value: spread(bare) },
    { label: 'ack ratio bot/bare: p50', value: times(ratio(percentile(bot, 50), percentile(bare, 50))) },
    { label: 'ack ratio bot/bare: p99', value: times(p99), ...(held ? { target: `<= ${TARGETS.p99Ratio}x`, met: p99 <= TARGETS.p99Ratio } : {}) },
    { label: 'CPU per request: bot / bare', value: `${ms(cpuBot)} / ${ms(cpuBare)}` },
    { label: 'CPU per request ratio bot/bare', value: times(ratio(cpuBot, cpuBare)), target: `<= ${TARGETS.cpuRatio}x`, met: ratio(cpuBot, cpuBare) <= TARGETS.cpuRatio },
    { label: 'CPU of the load generator (emulator + people)', value: `${ms(per(r.cpuMs.bench, r.acks.length))} per request` },
  ];
}

function costRows(r: PassResult): Row[] {
  const actions = r.acks.length;
  const calls = [...r.calls.byMethod.values()].reduce((a, b) => a + b, 0);
  const updates = per(r.calls.byMethod.get('chat.update') ?? 0, actions);
  const whole = !Number.isFinite(r.spec.maxMoves) && r.closed > 0;
  const commands = [...r.redis.values()].reduce((a, b) => a + b, 0);
  const perTransition = per(commands, r.transitions);
  return [
    { label: 'Web API calls per person action', value: num(per(calls, actions), 2) },
    { label: '  by method', value: breakdown(r.calls.byMethod, actions) },
    { label: 'chat.update per person action', value: num(updates, 2), ...(whole ? { target: `<= ${TARGETS.updatesPerAction}`, met: updates <= TARGETS.updatesPerAction } : {}) },
    { label: 'Web API calls per transition', value: num(per(calls, r.transitions), 2) },
    { label: 'Redis commands per transition', value: num(perTransition, 2), target: `<= ${TARGETS.redisPerTransition}`, met: perTransition <= TARGETS.redisPerTransition },
    { label: '  by command', value: breakdown(r.redis, r.transitions) },
  ];
}

function creationRows(r: PassResult): Row[] {
  if (!r.spec.burst) return [];
  const sent = r.acks.filter((a) => a.kind === CREATION);
  const forms = sent.map((a) => a.botMs);
  // The same forms, mirrored in the same tick to the bare app: what the burst costs any Bolt app on this machine.
  const bare = sent.flatMap((a) => (a.bareMs === undefined ? [] : [a.bareMs]));
  const p99 = percentile(forms, 99);
  const held = r.spec.sessions >= TARGETS.creationAtSessions;
  return [
    { label: `creation: ${num(forms.length)} forms sent at once, ack p50 / p99 / max`, value: spread(forms) },
    { label: 'creation: the same forms to the bare Bolt app, ack p50 / p99 / max', value: spread(bare) },
    { label: 'creation: form ack p99', value: ms(p99), ...(held ? { target: `< ${TARGETS.creationP99Ms} ms`, met: p99 < TARGETS.creationP99Ms } : {}) },
    { label: 'creation: /intervision new ack p50 / p99 / max', value: spread(r.acks.filter((a) => a.kind === 'command').map((a) => a.botMs)) },
  ];
}

/** Sessions a person could not go on with (a screen they could not act on). */
const broken = (r: PassResult): number => r.records.filter((x) => x.broken).length;

/** Requests the bot took longer than Slack waits to ack. */
const slowAcks = (r: PassResult): number => r.acks.filter((a) => a.botMs > 3000).length;

/** Play figures: requests, transitions, sessions done, waits that ran out, update lag, modal opening. */
function playRows(r: PassResult): Row[] {
  const lags = r.records.flatMap((x) => x.lagsMs);
  const modals = r.records.flatMap((x) => x.modalMs);
  const stalls = r.records.reduce((a, x) => a + x.stalls, 0);
  return [
    { label: 'requests (person actions) / transitions', value: `${num(r.acks.length)} / ${num(r.transitions)} in ${num(r.elapsedMs / 1000, 1)} s` },
    { label: 'sessions closed / not started / left stuck', value: `${r.closed} / ${r.failed - broken(r)} / ${broken(r)}` },
    { label: 'waits that ran out (an effect or a button never showed)', value: num(stalls) },
    { label: 'update lag p50 / p99 / max (ack to screen)', value: spread(lags) },
    { label: 'acks slower than 3 s (Slack shows the person an error)', value: num(slowAcks(r)), target: '0', met: slowAcks(r) === 0 },
    { label: 'modal open p50 / p99 / max (click to modal)', value: spread(modals) },
  ];
}

export function passRows(r: PassResult): Row[] {
  return [...playRows(r), ...ackRows(r), ...costRows(r), ...creationRows(r)];
}

export function tierRows(r: PassResult): Row[] {
  const lags = r.records.flatMap((x) => x.lagsMs);
  const worst = Math.max(0, ...lags);
  const throttled = [...r.calls.throttled.values()].reduce((a, b) => a + b, 0);
  const stalls = r.records.reduce((a, x) => a + x.stalls, 0);
  return [
    { label: 'requests (person actions) / transitions', value: `${num(r.acks.length)} / ${num(r.transitions)} in ${num(r.elapsedMs / 1000, 1)} s` },
    { label: 'HTTP 429 answered', value: `${num(throttled)}${throttled ? ` (${breakdown(r.calls.throttled, 1)})` : ''}`, target: '0', met: throttled === 0 },
    { label: 'Web API calls answered (not 429), whole pass', value: breakdown(r.calls.byMethod, 1, 12) },
    { label: 'ack p50 / p99 / max: bot', value: spread(r.acks.map((a) => a.botMs)) },
    { label: 'acks slower than 3 s (Slack shows the person an error)', value: num(slowAcks(r)), target: '0', met: slowAcks(r) === 0 },
    { label: 'update lag p50 / p99', value: `${ms(percentile(lags, 50))} / ${ms(percentile(lags, 99))}` },
    { label: 'update lag max (ack to screen)', value: ms(worst), target: `<= ${num(TARGETS.tierLagMs)} ms`, met: worst <= TARGETS.tierLagMs && stalls === 0 },
    { label: `effects not seen within ${num(r.spec.timeoutMs / 1000)} s (not in the lags)`, value: num(stalls), target: '0', met: stalls === 0 },
    { label: 'modal open p50 / p99 / max (click to modal)', value: spread(r.records.flatMap((x) => x.modalMs)) },
  ];
}

export function idleRows(r: PassResult, rss: { rss: number; peak: number }): Row[] {
  const rssMb = rss.rss / (1024 * 1024);
  return [
    { label: 'sessions mid-round (started, case written, turns taken)', value: `${num(r.spec.sessions - r.failed)} of ${num(r.spec.sessions)} in ${num(r.elapsedMs / 1000, 1)} s` },
    { label: 'bot RSS with them open (VmRSS, after a 5 s pause)', value: mb(rss.rss), target: `< ${TARGETS.idleRssMb} MB`, met: rssMb < TARGETS.idleRssMb },
    { label: 'bot peak RSS so far (VmHWM)', value: mb(rss.peak) },
  ];
}

export { mb };
