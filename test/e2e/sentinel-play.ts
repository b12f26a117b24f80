/**
 * Sessions played through real bot processes on Redis behind Sentinel, while
 * the primary is killed with SIGKILL (test/e2e/sentinel-failover*.test.ts):
 * the chaos test's players (chaos-lane.ts) on a fleet of bot processes
 * started with REDIS_SENTINELS, each request timed and its answer kept, and
 * what the failover did measured: when the Sentinels announced the new
 * primary, when the bot stored a change again, the answers meanwhile, and
 * what acknowledged was lost.
 */
import { Redis } from 'ioredis';
import { ACK_DEADLINE_MS, type DriverResponse, type SlackEmulator } from '../../dev/emulator';
import { closeConnection } from '../../src/redis/connect';
import { TYPED_REPLY_TEXT } from '../../src/slack/listeners/events/message-typed';
import { UNAVAILABLE_TEXT } from '../../src/slack/unavailable';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { type SentinelGroup, startSentinelGroup } from '../support/redis-sentinel';
import { DEMO, startSlackBench } from '../support/slack';
import { Fleet, RoutingDriver } from './chaos-conductor';
import { type LaneResult, type World, expectedRequests, planLane, playLane, seedLane } from './chaos-lane';
import { Rng } from './fuzz-garbage';

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A request as the driver saw it. */
interface Sent {
  sentAt: number;
  answeredAt: number;
  status: number;
  kind: 'form' | 'other';
  /** The form came back with the "temporarily unavailable" text. */
  unavailable: boolean;
  /** The form came back with another error, or with none (acknowledged). */
  formError: boolean;
}

/** The routing driver, keeping every request's times and answer. */
class RecordingDriver extends RoutingDriver {
  readonly sent: Sent[] = [];

  constructor(emulator: SlackEmulator, fleet: Fleet, rng: Rng) {
    super(emulator, fleet, rng);
  }

  override async send(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<DriverResponse> {
    const sentAt = Date.now();
    const answer = await super.send(body, contentType, extraHeaders);
    const form = body.includes('view_submission');
    const text = answer.text;
    this.sent.push({ sentAt, answeredAt: Date.now(), status: answer.status, kind: form ? 'form' : 'other', unavailable: text.includes(UNAVAILABLE_TEXT), formError: form && text.includes('"errors"') });
    return answer;
  }
}

export interface FailoverRun {
  /** Sentinel's failover: from the kill to the announcement of the new primary (ms). */
  failoverMs: number;
  /** From the kill to the bot's first write again, as a probe saw it (a message typed in a session thread, taken and answered, ms). */
  probeWritesAgainMs: number;
  /** The probe's messages until then: answered "temporarily unavailable", and not answered within 3 s. */
  probe: { unavailable: number; unanswered: number };
  /** From the kill to the first form sent after it that was acknowledged without an error (a change stored again, ms). */
  writesAgainMs: number;
  /** Requests sent from the kill until writes resumed, and how they were answered. */
  during: { requests: number; unavailableAnswers: number; late: number };
  /** "Temporarily unavailable" answers in all (forms, and ephemerals to clicks, commands and events). */
  unavailableAnswers: number;
  /** Acknowledged texts (case, inputs, answers), and those of them missing from the stored session after the failover. */
  acknowledged: number;
  lost: number;
  /** Replication backlog the replica lacked just before the kill (bytes). */
  lagBytes: number;
  sessions: number;
  closed: number;
  problems: string[];
  seconds: number;
}

export interface FailoverOptions {
  sessions: number;
  bots: number;
  /** REDIS_WAIT_REPLICAS for the bot processes; 0 for none. */
  waitReplicas: number;
  /** Replicas of the primary (WAIT needs one more than it waits for, to stay writable after a failover). */
  replicas: number;
  /** At which share of the run's expected requests the primary is killed. */
  killAt: number;
  seed: number;
}

/** "session N: k acknowledged input, case not in the stored session (LOST: …)" → k. */
function lostIn(results: LaneResult[]): number {
  return results.flatMap((r) => r.problems).reduce((sum, p) => sum + Number(/: (\d+) acknowledged .* not in the stored session/.exec(p)?.[1] ?? 0), 0);
}

/** Who types in the first session's thread every 100 ms from the kill, to see when the bot stores something again. */
const PROBE = 'U0PROBE';

interface Probed {
  writesAgainAt: number;
  unavailable: number;
  unanswered: number;
}

/**
 * From the kill, PROBE types in a session's thread every 100 ms. The bot
 * takes each such event (a SET NX of its claim in Redis) and answers it
 * privately: asking to use the buttons once it could store the claim, or
 * "temporarily unavailable" while it cannot. The first such answer is when
 * the bot wrote again.
 */
async function probeWrites(emulator: SlackEmulator, channel: string, until: number): Promise<Probed> {
  const card = emulator.channelMessages(channel).find((m) => m.user === DEMO.bot && (m.thread_ts === undefined || m.thread_ts === m.ts));
  const probed: Probed = { writesAgainAt: Number.NaN, unavailable: 0, unanswered: 0 };
  for (let n = 1; Date.now() < until && card; n += 1) {
    const before = emulator.ephemerals(PROBE).length;
    await emulator.person(PROBE).say(channel, `probe ${n}`, String(card.ts)).catch(() => undefined);
    const answered = await emulator.waitFor(() => emulator.ephemerals(PROBE).length > before, ACK_DEADLINE_MS).then(() => true, () => false);
    const text = emulator.ephemerals(PROBE).at(-1)?.text;
    if (answered && text === TYPED_REPLY_TEXT) {
      probed.writesAgainAt = Date.now();
      return probed;
    }
    if (!answered) probed.unanswered += 1;
    else if (text === UNAVAILABLE_TEXT) probed.unavailable += 1;
    await sleep(100);
  }
  return probed;
}

/** Plays the sessions, kills the primary along the way, and measures. */
export async function playThroughFailover(options: FailoverOptions): Promise<FailoverRun> {
  const started = Date.now();
  const cleanup: Array<() => Promise<void> | void> = [];
  try {
    const group = await startSentinelGroup(options.replicas);
    cleanup.push(() => group.stop());
    const bench = await startSlackBench();
    cleanup.push(() => bench.stop());
    const rng = new Rng(options.seed);
    const lanes = Array.from({ length: options.sessions }, (_, i) => ({ plan: planLane(i + 1, rng), rng: new Rng((options.seed + i + 1) >>> 0) }));
    for (const { plan } of lanes) seedLane(bench.emulator, plan, DEMO.bot);
    const probeChannel = lanes[0]?.plan.channel ?? '';
    bench.emulator.addUser({ id: PROBE, name: 'probe', real_name: 'Probe', tz: 'UTC' });
    bench.emulator.ws.join(probeChannel, PROBE);
    const settings = { REDIS_SENTINELS: group.sentinels, REDIS_SENTINEL_NAME: group.name, SLACK_UPDATES_PER_MINUTE: '0', ...(options.waitReplicas > 0 ? { REDIS_WAIT_REPLICAS: String(options.waitReplicas) } : {}) };
    const fleet = new Fleet(bench, settings);
    cleanup.push(() => fleet.stop());
    await Promise.all(Array.from({ length: options.bots }, (_, i) => fleet.start(i)));
    const driver = new RecordingDriver(bench.emulator, fleet, rng);
    bench.emulator.connect(driver);
    const connection = new Redis({ sentinels: addresses(group), name: group.name, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    connection.on('error', () => undefined);
    cleanup.push(() => closeConnection(connection));
    let requests = 0;
    const world: World = { emulator: bench.emulator, driver, store: new RedisSessionStore(connection), redis: connection, waitMs: 30_000, tag: options.seed.toString(36), tick: () => void (requests += 1), think: () => sleep(30 + rng.int(150)) };
    const expected = lanes.reduce((sum, { plan }) => sum + expectedRequests(plan), 0);
    let finished = false;
    const failover = failAt(group, () => finished || requests >= expected * options.killAt).then(async (failed) => ({ ...failed, probed: await probeWrites(bench.emulator, probeChannel, failed.killedAt + 30_000) }));
    const results = await Promise.all(lanes.map(({ plan, rng: own }) => playLane(world, plan, own))).finally(() => {
      finished = true;
    });
    const { killedAt, switchedAt, lagBytes, probed } = await failover;
    return measure({ options, driver, results, bench: bench.emulator, killedAt, switchedAt, lagBytes, probed, started });
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve().then(step).catch(() => undefined);
  }
}

function addresses(group: SentinelGroup): Array<{ host: string; port: number }> {
  return group.sentinels.split(',').map((entry) => ({ host: '127.0.0.1', port: Number(entry.split(':')[1]) }));
}

/** Kills the primary once `due()` holds, and waits for the Sentinels' announcement of the new one. */
async function failAt(group: SentinelGroup, due: () => boolean): Promise<{ killedAt: number; switchedAt: number; lagBytes: number }> {
  const announced = await group.watchFailover();
  while (!due()) await sleep(10);
  const offsets = await group.offsets();
  const killedAt = await group.killPrimary();
  const switchedAt = await announced(30_000);
  return { killedAt, switchedAt, lagBytes: Math.max(0, ...offsets.replicas.map((r) => offsets.primary - r)) };
}

interface Measured {
  options: FailoverOptions;
  driver: RecordingDriver;
  results: LaneResult[];
  bench: SlackEmulator;
  killedAt: number;
  switchedAt: number;
  lagBytes: number;
  probed: Probed;
  started: number;
}

function measure({ options, driver, results, bench, killedAt, switchedAt, lagBytes, probed, started }: Measured): FailoverRun {
  const stored = driver.sent.find((s) => s.sentAt >= killedAt && s.kind === 'form' && s.status === 200 && !s.formError && s.answeredAt - s.sentAt <= ACK_DEADLINE_MS);
  const writesAgainAt = stored?.answeredAt ?? Number.NaN;
  const during = driver.sent.filter((s) => s.sentAt >= killedAt && s.sentAt <= writesAgainAt);
  const people = results.flatMap((r) => [r.plan.facilitator, r.plan.presenter, ...r.plan.members]);
  const ephemerals = people.reduce((sum, user) => sum + bench.ephemerals(user).filter((e) => e.text === UNAVAILABLE_TEXT).length, 0);
  const written = results.flatMap((r) => r.written);
  return {
    failoverMs: switchedAt - killedAt,
    probeWritesAgainMs: probed.writesAgainAt - killedAt,
    probe: { unavailable: probed.unavailable, unanswered: probed.unanswered },
    writesAgainMs: writesAgainAt - killedAt,
    during: {
      requests: during.length,
      unavailableAnswers: during.filter((s) => s.unavailable).length,
      late: during.filter((s) => s.status !== 200 || s.answeredAt - s.sentAt > ACK_DEADLINE_MS).length,
    },
    unavailableAnswers: driver.sent.filter((s) => s.unavailable).length + ephemerals,
    acknowledged: written.filter((w) => w.acked).length,
    lost: lostIn(results),
    lagBytes,
    sessions: options.sessions,
    closed: results.filter((r) => r.closed).length,
    problems: results.flatMap((r) => r.problems),
    seconds: (Date.now() - started) / 1000,
  };
}

/** The run's figures, one line each. */
export function describeRun(label: string, run: FailoverRun): string {
  return [
    `Sentinel failover, ${label}: ${run.seconds.toFixed(1)} s, ${run.closed} of ${run.sessions} sessions closed`,
    `  primary killed -> Sentinel announced the new primary: ${run.failoverMs} ms`,
    `  primary killed -> the bot wrote again (the probe's message taken and answered): ${run.probeWritesAgainMs} ms; before that the probe got ${run.probe.unavailable} "temporarily unavailable" answers, ${run.probe.unanswered} none within 3 s`,
    `  primary killed -> a person's change stored again (the first form sent after the kill and acknowledged): ${run.writesAgainMs} ms`,
    `  meanwhile: ${run.during.requests} requests, ${run.during.unavailableAnswers} forms answered "temporarily unavailable", ${run.during.late} without an answer within 3 s`,
    `  "temporarily unavailable" answers in all (forms and ephemerals): ${run.unavailableAnswers}`,
    `  acknowledged texts: ${run.acknowledged}, lost in the failover: ${run.lost}; the replica lacked ${run.lagBytes} bytes just before the kill`,
  ].join('\n');
}
