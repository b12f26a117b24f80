/**
 * Two bot instances (two stores on separate connections) racing on the same
 * few sessions with optimistic retry. Whatever the interleaving, the stored
 * result must be what applying the accepted changes one after another gives,
 * and no accepted change may be lost or applied twice.
 */
import { decide } from '../../src/engine/decide';
import { newSession } from '../../src/engine/new-session';
import type { Command, CommandBody, Effect, Session } from '../../src/engine/session';
import { applyWithRetry, type ApplyResult, type Change } from '../../src/store/apply';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { SessionStore } from '../../src/store/session-store';
import { settingsFor } from '../engine/table';
import { isolatedRedis } from '../support/redis';
import { aSession } from './session-fixture';

const iso = isolatedRedis(__filename);
let botA: RedisSessionStore;
let botB: RedisSessionStore;

beforeAll(() => {
  botA = new RedisSessionStore(iso.connect(), { prefix: iso.prefix });
  botB = new RedisSessionStore(iso.connect(), { prefix: iso.prefix });
});
afterAll(async () => {
  await Promise.all([botA.close(), botB.close()]);
  await iso.cleanup();
});

/** A small seeded random generator, so a failing interleaving can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs `work` over `items` with at most `width` in flight at once. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item!);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/** Some jobs twice, each twin right after the original (as a double click or a Slack retry would). */
function withDuplicates<T>(jobs: T[], random: () => number, total: number): T[] {
  const out: T[] = [];
  for (const job of jobs) {
    out.push(job);
    if (out.length < total && random() < 0.15) out.push(job);
    if (out.length >= total) break;
  }
  return out;
}

interface Accepted {
  sessionId: string;
  key: string;
  seqAfter: number;
  effects: Effect[];
}

const random = seeded(20240601);
const storeFor = (): SessionStore => (random() < 0.5 ? botA : botB);

it('1,000 racing appends at four sessions from two instances: each change lands once, in commit order', async () => {
  const sessions = Array.from({ length: 4 }, () => aSession({ inputs: [], nextInputNo: 1 }));
  for (const s of sessions) expect(await botA.create(s, [])).toBe(true);

  const changes = Array.from({ length: 900 }, (_, n) => ({ sessionId: sessions[n % 4]!.id, key: `c${n}` }));
  const jobs = withDuplicates(changes, random, 1000);
  expect(jobs).toHaveLength(1000);
  const distinct = [...new Set(jobs.map((job) => job.key))];
  expect(distinct.length).toBeLessThan(1000);

  const accepted: Accepted[] = [];
  const results: ApplyResult[] = [];
  await inParallel(jobs, 24, async ({ sessionId, key }) => {
    const append = (s: Session): Change => {
      if (s.inputs.some((input) => input.id === key)) return null; // the twin already landed
      const input = { id: key, phaseId: 'questions', round: 1, author: 'U3', text: `input ${key}`, at: s.seq };
      return { next: { ...s, seq: s.seq + 1, inputs: [...s.inputs, input] }, effects: [{ type: 'phase', phaseId: key }] };
    };
    const result = await applyWithRetry(storeFor(), sessionId, append, { maxAttempts: 10_000 });
    results.push(result);
    if (result.status === 'committed') accepted.push({ sessionId, key, seqAfter: result.session.seq, effects: result.effects });
  });

  expect(results.filter((r) => r.status !== 'committed' && r.status !== 'unchanged')).toEqual([]);
  // The instances really raced: some commits lost and were retried.
  expect(results.some((r) => r.attempts > 1)).toBe(true);
  // Every distinct change landed exactly once.
  expect(accepted.map((a) => a.key).sort()).toEqual(distinct.sort());

  for (const session of sessions) {
    const mine = accepted.filter((a) => a.sessionId === session.id).sort((x, y) => x.seqAfter - y.seqAfter);
    const stored = await botB.load(session.id);
    expect(stored?.seq).toBe(session.seq + mine.length);
    expect(stored?.inputs.map((i) => i.id)).toEqual(mine.map((a) => a.key));
    const outbox = await botA.outbox(session.id);
    expect(outbox.map((e) => e.effect)).toEqual(mine.flatMap((a) => a.effects));
  }
});

it('1,000 racing commands through the engine from two instances: the stored session is the serial replay', async () => {
  const now = 1_750_000_000_000;
  const users = Array.from({ length: 12 }, (_, i) => `U${100 + i}`);
  const sessions = Array.from({ length: 4 }, (_, i) => {
    const { session, effects } = newSession(
      {
        id: `engine-${i}-${iso.prefix.length}`,
        formatId: 'progress-focused',
        channel: 'C0123',
        title: 'racing',
        createdBy: 'UFACI',
        facilitator: 'UFACI',
        presenter: 'UPRES',
        members: users.slice(0, 3),
        settings: settingsFor('async'),
      },
      now,
    );
    return { session, effects };
  });
  for (const { session, effects } of sessions) expect(await botA.create(session, effects)).toBe(true);

  // People join, leave and agree, and the presenter flips their copy: whether each is
  // accepted depends on the state it meets, so the order of commits matters.
  const bodies = (n: number): { actor: string; body: CommandBody } => {
    const pickUser = users[Math.floor(random() * users.length)]!;
    const roll = random();
    if (roll < 0.4) return { actor: pickUser, body: { kind: 'join' } };
    if (roll < 0.7) return { actor: pickUser, body: { kind: 'leave' } };
    if (roll < 0.85) return { actor: pickUser, body: { kind: 'agree' } };
    return { actor: 'UPRES', body: { kind: 'presenter-copy', on: n % 2 === 0 } };
  };
  const commands = Array.from({ length: 900 }, (_, n) => {
    const { actor, body } = bodies(n);
    const sessionId = sessions[n % 4]!.session.id;
    const command: Command = { ...body, id: `cmd-${n}`, actor, seq: 0 };
    return { sessionId, command, at: now + n * 1000 };
  });
  const jobs = withDuplicates(commands, random, 1000);
  expect(jobs).toHaveLength(1000);

  const accepted: Array<Accepted & { command: Command; at: number }> = [];
  const gaveUp: string[] = [];
  let retried = 0;
  await inParallel(jobs, 24, async ({ sessionId, command, at }) => {
    const viaEngine = (s: Session): Change => {
      const outcome = decide(s, { ...command, seq: s.seq }, at);
      return outcome.ok && !outcome.duplicate ? { next: outcome.session, effects: outcome.effects } : null;
    };
    const result = await applyWithRetry(storeFor(), sessionId, viaEngine, { maxAttempts: 10_000 });
    if (result.attempts > 1) retried += 1;
    if (result.status === 'committed') {
      accepted.push({ sessionId, key: command.id, seqAfter: result.session.seq, effects: result.effects, command, at });
    } else if (result.status !== 'unchanged') {
      gaveUp.push(command.id);
    }
  });

  expect(gaveUp).toEqual([]);
  expect(retried).toBeGreaterThan(0);
  expect(new Set(accepted.map((a) => a.key)).size).toBe(accepted.length);
  expect(accepted.length).toBeGreaterThan(200);

  for (const { session: initial, effects: firstEffects } of sessions) {
    const mine = accepted.filter((a) => a.sessionId === initial.id).sort((x, y) => x.seqAfter - y.seqAfter);
    let replayed = initial;
    for (const a of mine) {
      const outcome = decide(replayed, { ...a.command, seq: replayed.seq }, a.at);
      if (!outcome.ok || outcome.duplicate) throw new Error(`replay of ${a.key} was not accepted`);
      expect(outcome.effects).toEqual(a.effects);
      replayed = outcome.session;
    }
    expect(await botB.load(initial.id)).toEqual(replayed);
    const outbox = await botA.outbox(initial.id);
    expect(outbox.map((e) => e.effect)).toEqual([...firstEffects, ...mine.flatMap((a) => a.effects)]);
  }
});
