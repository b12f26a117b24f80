/**
 * Writes at full speed through a Sentinel failover, to measure what
 * asynchronous replication can lose: writers commit changes to their own
 * sessions as fast as the store takes them (each adds an input), through the
 * bot's own store and connection for requests (REDIS_SENTINELS), while the
 * primary is killed with SIGKILL. Afterwards every change that was
 * acknowledged ('committed') is looked for in the new primary.
 */
import { createLogger } from '../../src/logger';
import { closeConnection, connectRedis } from '../../src/redis/connect';
import { isStoreUnavailable } from '../../src/store/errors';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { type SentinelGroup, startSentinelGroup } from '../support/redis-sentinel';
import { advanced, aSession } from '../store/session-fixture';

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

export interface WritesRun {
  /** Commits acknowledged per second before the kill. */
  perSecond: number;
  failoverMs: number;
  /** From the kill to the first commit acknowledged after it. */
  writesAgainMs: number;
  /** Failed attempts between: recognised as "unavailable" (a person is asked to try again), and anything else. */
  unavailable: number;
  other: string[];
  acknowledged: number;
  /** Of them, acknowledged in the last 50 ms before the kill, and while the replicas were cut off. */
  lastMoment: number;
  whileStalled: number;
  /** Acknowledged from 100 ms before the replicas were cut off to the kill: all that can have been lost. */
  nearKill: number;
  lost: number;
}

interface Acked {
  session: string;
  input: string;
  sentAt: number;
  at: number;
}

function target(group: SentinelGroup) {
  return { kind: 'sentinel' as const, name: group.name, sentinels: group.sentinels.split(',').map((a) => ({ host: '127.0.0.1', port: Number(a.split(':')[1]) })) };
}

/** One writer: its session gains an input per commit, until `stop()`. */
async function writer(store: RedisSessionStore, sessionId: string, stop: () => boolean, out: { acked: Acked[]; unavailable: number; other: string[] }): Promise<void> {
  for (let n = 1; !stop(); n += 1) {
    const sentAt = Date.now();
    try {
      const current = await store.load(sessionId);
      if (!current) throw new Error('the session is gone');
      const input = `${sessionId}-${n}`;
      const next = advanced(current, { inputs: [...current.inputs, { id: input, phaseId: 'questions', round: 1, author: 'U3', text: input, at: n }] });
      if ((await store.commit(next, current.seq, [])) === 'committed') out.acked.push({ session: sessionId, input, sentAt, at: Date.now() });
    } catch (error) {
      if (isStoreUnavailable(error)) out.unavailable += 1;
      else out.other.push(String(error));
      await sleep(20);
    }
  }
}

/** The ids of the inputs the sessions hold now, read through Sentinel on a patient connection of its own. */
async function inputsKept(group: SentinelGroup, ids: string[]): Promise<Set<string>> {
  const reader = connectRedis(target(group), createLogger('silent'), 'work');
  try {
    const store = new RedisSessionStore(reader, { prefix: 'writes:' });
    const kept = new Set<string>();
    for (const id of ids) for (const input of (await store.load(id))?.inputs ?? []) kept.add(input.id);
    return kept;
  } finally {
    await closeConnection(reader);
  }
}

/**
 * `writers` sessions written at full speed; the primary killed after
 * `beforeMs` (its replicas cut off for the last `lagMs` of it); writing goes
 * on `afterMs` past the first write after the kill.
 */
export async function writeThroughFailover(options: { replicas: number; waitReplicas: number; writers: number; beforeMs: number; afterMs: number; lagMs?: number }): Promise<WritesRun> {
  const group = await startSentinelGroup(options.replicas);
  const logger = createLogger('silent');
  const redis = connectRedis(target(group), logger, 'requests');
  const store = new RedisSessionStore(redis, { prefix: 'writes:', waitReplicas: options.waitReplicas });
  try {
    for (const until = Date.now() + 5000; !(await store.ping()) && Date.now() < until; ) await sleep(20);
    const sessions = Array.from({ length: options.writers }, () => aSession({ inputs: [] }));
    for (const session of sessions) await store.create(session, []);
    const announced = await group.watchFailover();
    const out = { acked: [] as Acked[], unavailable: 0, other: [] as string[] };
    let stopAt = Number.POSITIVE_INFINITY;
    const running = Promise.all(sessions.map((s) => writer(store, s.id, () => Date.now() >= stopAt, out)));
    const startedAt = Date.now();
    await sleep(options.beforeMs);
    // The replicas are cut off `lagMs` before the primary dies: what it acknowledges meanwhile is on it alone, and lost with it.
    const stalledAt = Date.now();
    const partition = options.lagMs ? group.partitionReplicas() : undefined;
    await sleep(options.lagMs ?? 0);
    const killedAt = await group.killPrimary();
    await partition?.drop();
    const perSecond = out.acked.filter((a) => a.at <= killedAt).length / ((killedAt - startedAt) / 1000);
    const switchedAt = await announced(30_000);
    const again = (): Acked | undefined => out.acked.find((a) => a.sentAt > killedAt);
    for (const until = Date.now() + 30_000; !again() && Date.now() < until; ) await sleep(10);
    const againAt = again()?.at ?? Number.NaN;
    stopAt = Date.now() + options.afterMs;
    await running;
    const kept = await inputsKept(group, sessions.map((s) => s.id));
    const lost = out.acked.filter((a) => !kept.has(a.input)).length;
    const acknowledged = out.acked.length;
    return { perSecond: Math.round(perSecond), failoverMs: switchedAt - killedAt, writesAgainMs: againAt - killedAt, unavailable: out.unavailable, other: out.other, acknowledged, lastMoment: out.acked.filter((a) => a.at <= killedAt && a.at > killedAt - 50).length, whileStalled: options.lagMs ? out.acked.filter((a) => a.at >= stalledAt && a.at <= killedAt).length : 0, nearKill: out.acked.filter((a) => a.at > stalledAt - 100 && a.at <= killedAt).length, lost };
  } finally {
    await closeConnection(redis);
    await group.stop();
  }
}

export function describeWrites(label: string, run: WritesRun): string {
  return [
    `Writes at full speed through a Sentinel failover, ${label}:`,
    `  ${run.perSecond} commits/s acknowledged before the kill (${run.lastMoment} in its last 50 ms, ${run.whileStalled} while the replicas were cut off)`,
    `  primary killed -> new primary announced: ${run.failoverMs} ms; -> a commit acknowledged again: ${run.writesAgainMs} ms`,
    `  failed attempts meanwhile: ${run.unavailable} answered "unavailable", ${run.other.length} otherwise`,
    `  acknowledged: ${run.acknowledged}, lost in the failover: ${run.lost}`,
  ].join('\n');
}
