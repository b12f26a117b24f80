/**
 * A "bot process" for bench:engine: its own Redis connection, store and
 * Dispatcher, playing the sessions it is given. It runs in the benchmark's own
 * process, or forked as a child (BENCH_PROCESSES > 1: several bot instances on
 * one Redis, as a deployment with replicas). Passes are split in two steps,
 * create then play, so that every process starts playing at the same moment.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Cluster } from 'ioredis';
import { systemClock } from '../../src/clock';
import { Dispatcher } from '../../src/service/dispatch';
import { jsonCodec } from '../../src/store/codec';
import { createCryptoCodec } from '../../src/store/crypto-codec';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { Session } from '../../src/engine/session';
import { z } from 'zod';
import { CountingRedis, stopMeasuring } from './counting-redis';
import { benchConnectionOptions, benchRedisUrl, connected } from './redis';
import { createMany, emptySamples, playMany } from './sessions';

/** One pass over a range of sessions. */
export interface PassSpec {
  first: number;
  count: number;
  /** Count each dispatch's Redis traffic (slows the bot: not for timed passes). */
  traffic: boolean;
  /** Mean time a group takes between moves (ms); 0: flat out. */
  thinkMeanMs: number;
}

/** What one process measured in one pass (plain data: it crosses process boundaries). */
export interface PassResult {
  latencyMs: number[];
  commands: number;
  roundTrips: number;
  mostRoundTrips: number;
  byName: Array<[string, number]>;
  elapsedMs: number;
  cpuUs: number;
  commandsSent: number;
  ids: string[];
}

/** A bot process as the benchmark drives it. */
export interface BotProcess {
  create(spec: PassSpec): Promise<void>;
  play(): Promise<PassResult>;
  /** Drops the outbox of each session, as the effect runner does after running it. */
  runOutboxes(ids: string[]): Promise<void>;
  close(): Promise<void>;
}

/** The store settings every process uses. */
export interface StoreSetup {
  prefix: string;
  /** Encrypt stored sessions (AES-256-GCM) with this base64 key. */
  encryptionKey?: string;
  /** On a Redis Cluster with these nodes (bench:engine's cluster mode), instead of the one Redis. */
  cluster?: Array<{ host: string; port: number }>;
}

/** A cluster client that has read the slots, counting the commands it sends (not the round trips: the traffic pass runs on one Redis only). */
async function clusterConnection(nodes: Array<{ host: string; port: number }>): Promise<Cluster & { commandsSent: number }> {
  const cluster = Object.assign(new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 1, connectTimeout: 2000 } }), { commandsSent: 0 });
  const send = cluster.sendCommand.bind(cluster);
  cluster.sendCommand = (...args: Parameters<Cluster['sendCommand']>) => {
    cluster.commandsSent += 1;
    return send(...args);
  };
  await cluster.ping();
  return cluster;
}

/** A bot process inside this one. */
export async function localBot(setup: StoreSetup): Promise<BotProcess> {
  const redis = setup.cluster ? await clusterConnection(setup.cluster) : await connected(new CountingRedis(benchRedisUrl(), benchConnectionOptions));
  const codec = setup.encryptionKey ? createCryptoCodec({ key: Buffer.from(setup.encryptionKey, 'base64') }) : jsonCodec;
  const store = new RedisSessionStore(redis, { prefix: setup.prefix, codec });
  const dispatcher = new Dispatcher(store, systemClock);
  let pending: { spec: PassSpec; created: Array<{ s: number; session: Session }> } | undefined;
  return {
    async create(spec) {
      pending = { spec, created: await createMany(spec.first, spec.count, store) };
    },
    async play() {
      if (!pending) throw new Error('play before create');
      const { spec, created } = pending;
      pending = undefined;
      const samples = emptySamples();
      const sentBefore = redis.commandsSent;
      // Jittered around the mean, so the sessions do not move in step.
      const thinkMs = spec.thinkMeanMs > 0 ? () => spec.thinkMeanMs * (0.5 + Math.random()) : undefined;
      const run = await playMany(created, dispatcher, samples, { traffic: spec.traffic, ...(thinkMs ? { thinkMs } : {}) });
      if (spec.traffic) stopMeasuring();
      return {
        latencyMs: samples.latencyMs,
        commands: samples.commands,
        roundTrips: samples.roundTrips,
        mostRoundTrips: samples.mostRoundTrips,
        byName: [...samples.byName],
        elapsedMs: run.elapsedMs,
        cpuUs: run.cpuUs,
        commandsSent: redis.commandsSent - sentBefore,
        ids: run.ids,
      };
    },
    async runOutboxes(ids) {
      await Promise.all(ids.map((id) => store.ackOutbox(id, Number.MAX_SAFE_INTEGER)));
    },
    async close() {
      await redis.quit();
    },
  };
}

const passSpecSchema = z.object({ first: z.number(), count: z.number(), traffic: z.boolean(), thinkMeanMs: z.number() });
const requestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), spec: passSpecSchema }),
  z.object({ op: z.literal('play') }),
  z.object({ op: z.literal('run-outboxes'), ids: z.array(z.string()) }),
  z.object({ op: z.literal('close') }),
]);
type Request = z.infer<typeof requestSchema>;
const passResultSchema = z.object({
  latencyMs: z.array(z.number()),
  commands: z.number(),
  roundTrips: z.number(),
  mostRoundTrips: z.number(),
  byName: z.array(z.tuple([z.string(), z.number()])),
  elapsedMs: z.number(),
  cpuUs: z.number(),
  commandsSent: z.number(),
  ids: z.array(z.string()),
});
const replySchema = z.union([z.object({ ok: z.literal(true), result: passResultSchema.optional() }), z.object({ ok: z.literal(false), error: z.string() })]);
type Reply = z.infer<typeof replySchema>;
const setupSchema = z.object({ prefix: z.string(), encryptionKey: z.string().optional(), cluster: z.array(z.object({ host: z.string(), port: z.number() })).optional() });

/** A bot process forked from this one (same entry file, with BENCH_BOT_PROCESS set). */
export function forkedBot(entry: string, setup: StoreSetup): BotProcess {
  const child: ChildProcess = fork(entry, [], {
    env: { ...process.env, BENCH_BOT_PROCESS: JSON.stringify(setup) },
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (request: Request): Promise<PassResult | undefined> =>
    new Promise((resolve, reject) => {
      child.once('message', (message: unknown) => {
        const reply = replySchema.parse(message);
        if (reply.ok) resolve(reply.result);
        else reject(new Error(reply.error));
      });
      child.send(request);
    });
  return {
    async create(spec) {
      await ask({ op: 'create', spec });
    },
    async play() {
      const result = await ask({ op: 'play' });
      if (!result) throw new Error('a bot process sent no result');
      return result;
    },
    async runOutboxes(ids) {
      await ask({ op: 'run-outboxes', ids });
    },
    async close() {
      await ask({ op: 'close' }).catch(() => undefined);
      child.disconnect();
    },
  };
}

/** In a forked child: serves requests from the parent until told to close. Returns false when this is not a child. */
export async function serveIfForked(): Promise<boolean> {
  const setupJson = process.env.BENCH_BOT_PROCESS;
  if (!setupJson || !process.send) return false;
  const setup: StoreSetup = setupSchema.parse(JSON.parse(setupJson));
  const bot = await localBot(setup);
  const reply = (message: Reply): void => void process.send?.(message);
  process.on('message', (message: unknown) => {
    const request: Request = requestSchema.parse(message);
    const work = async (): Promise<PassResult | undefined> => {
      switch (request.op) {
        case 'create':
          await bot.create(request.spec);
          return undefined;
        case 'play':
          return bot.play();
        case 'run-outboxes':
          await bot.runOutboxes(request.ids);
          return undefined;
        case 'close':
          await bot.close();
          return undefined;
      }
    };
    work().then(
      (result) => reply(result ? { ok: true, result } : { ok: true }),
      (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  return true;
}

/** A fresh random key for the encrypted variant (never printed). */
export function throwawayKey(): string {
  return randomBytes(32).toString('base64');
}
