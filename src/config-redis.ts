import { z } from 'zod';

/**
 * Where the bot keeps its sessions when not in memory: one Redis
 * (REDIS_URL), a Redis Cluster (REDIS_CLUSTER_NODES), or a primary with
 * replicas found through Redis Sentinel (REDIS_SENTINELS and
 * REDIS_SENTINEL_NAME). Part of the configuration (config.ts); no message
 * ever contains a value, since URLs and passwords are secrets.
 */

export interface RedisAddress {
  host: string;
  port: number;
}

/** Credentials and TLS for the Redis servers that hold the data. */
export interface RedisAuth {
  username?: string;
  password?: string;
  tls?: boolean;
}

export type RedisTarget =
  | { kind: 'single'; url: string; waitReplicas?: number }
  | ({ kind: 'cluster'; nodes: RedisAddress[] } & RedisAuth)
  | ({ kind: 'sentinel'; sentinels: RedisAddress[]; name: string; sentinelPassword?: string; waitReplicas?: number } & RedisAuth);

const blank = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const text = z.preprocess(blank, z.string().trim().optional());

/** One address of a list: `host:port`, or (cluster nodes) `redis://[user:password@]host:port`; undefined when it is neither. */
function addressOf(entry: string, urls: boolean): (RedisAddress & RedisAuth) | undefined {
  const url = /^rediss?:\/\//.test(entry) ? entry : `redis://${entry}`;
  if (!urls && url !== `redis://${entry}`) return undefined;
  try {
    const parsed = new URL(url);
    const port = Number(parsed.port);
    if (!parsed.hostname || !Number.isInteger(port) || port < 1 || port > 65535 || (parsed.pathname !== '' && parsed.pathname !== '/')) return undefined;
    return {
      host: parsed.hostname.replace(/^\[|\]$/g, ''),
      port,
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.protocol === 'rediss:' ? { tls: true } : {}),
    };
  } catch {
    return undefined;
  }
}

/** A comma-separated list of addresses; undefined when any entry is not one. */
export function addressesOf(list: string, urls: boolean): Array<RedisAddress & RedisAuth> | undefined {
  const entries = list.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const parsed = entries.map((entry) => addressOf(entry, urls));
  return entries.length > 0 && parsed.every((a) => a !== undefined) ? (parsed as Array<RedisAddress & RedisAuth>) : undefined;
}

function addressList(urls: boolean, problem: string) {
  return text.refine((value) => value === undefined || addressesOf(value, urls) !== undefined, { error: problem });
}

/** The Redis variables, part of the configuration's schema. */
export const redisEnvShape = {
  REDIS_CLUSTER_NODES: addressList(true, 'REDIS_CLUSTER_NODES must list some of the Cluster\'s nodes, comma-separated, each as host:port or redis://[user:password@]host:port (rediss:// for TLS), e.g. redis-1:6379,redis-2:6379,redis-3:6379.'),
  REDIS_SENTINELS: addressList(false, 'REDIS_SENTINELS must list the Sentinels, comma-separated, each as host:port, e.g. sentinel-1:26379,sentinel-2:26379,sentinel-3:26379.'),
  REDIS_SENTINEL_NAME: text.refine((value) => value === undefined || /^[A-Za-z0-9._-]{1,100}$/.test(value), { error: 'REDIS_SENTINEL_NAME must be the name the Sentinels monitor the primary by (letters, digits, dots, dashes), e.g. mymaster.' }),
  REDIS_PASSWORD: text,
  REDIS_SENTINEL_PASSWORD: text,
  REDIS_WAIT_REPLICAS: text.refine((value) => value === undefined || /^(10|[0-9])$/.test(value), { error: 'REDIS_WAIT_REPLICAS must be a whole number of replicas from 0 to 10.' }),
};

type RedisEnv = { REDIS_URL?: string | undefined } & { [K in keyof typeof redisEnvShape]?: string | undefined };

const isSet = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/** What is contradictory or missing among the Redis variables. */
export function redisProblems(raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const ways = ['REDIS_URL', 'REDIS_CLUSTER_NODES', 'REDIS_SENTINELS'].filter((name) => isSet(raw[name]));
  if (ways.length > 1) problems.push(`Set one way to reach Redis, not ${ways.join(' and ')}: REDIS_URL for one Redis, REDIS_CLUSTER_NODES for a Redis Cluster, or REDIS_SENTINELS (with REDIS_SENTINEL_NAME) for Redis Sentinel.`);
  if (isSet(raw.REDIS_SENTINELS) !== isSet(raw.REDIS_SENTINEL_NAME)) problems.push('REDIS_SENTINELS and REDIS_SENTINEL_NAME go together: the Sentinels\' addresses, and the name they know the primary by.');
  if (isSet(raw.REDIS_WAIT_REPLICAS) && isSet(raw.REDIS_CLUSTER_NODES)) problems.push('REDIS_WAIT_REPLICAS works with REDIS_URL or REDIS_SENTINELS; on a Redis Cluster each node\'s replicas are not waited for (see docs/operations.md).');
  if (isSet(raw.REDIS_WAIT_REPLICAS) && ways.length === 0) problems.push('REDIS_WAIT_REPLICAS needs a Redis: set REDIS_URL or REDIS_SENTINELS too.');
  const passwords = ['REDIS_PASSWORD', 'REDIS_SENTINEL_PASSWORD'].filter((name) => isSet(raw[name]));
  if (passwords.length > 0 && !isSet(raw.REDIS_CLUSTER_NODES) && !isSet(raw.REDIS_SENTINELS)) problems.push(`${passwords.join(' and ')} ${passwords.length === 1 ? 'is' : 'are'} for REDIS_CLUSTER_NODES or REDIS_SENTINELS; with REDIS_URL put the password in the URL (redis://:password@host:6379).`);
  return problems;
}

/** Credentials for the data nodes: REDIS_PASSWORD, else those of the first node URL that has any. */
function authOf(env: RedisEnv, nodes: Array<RedisAddress & RedisAuth>): RedisAuth {
  const first = nodes.find((node) => node.password !== undefined || node.username !== undefined);
  const password = env.REDIS_PASSWORD ?? first?.password;
  return {
    ...(first?.username ? { username: first.username } : {}),
    ...(password ? { password } : {}),
    ...(nodes.some((node) => node.tls) ? { tls: true } : {}),
  };
}

/** Where to keep sessions, from variables that passed the schema and redisProblems; undefined: in memory. */
export function redisTargetOf(env: RedisEnv): RedisTarget | undefined {
  const wait = env.REDIS_WAIT_REPLICAS ? { waitReplicas: Number(env.REDIS_WAIT_REPLICAS) } : {};
  if (env.REDIS_CLUSTER_NODES) {
    const nodes = addressesOf(env.REDIS_CLUSTER_NODES, true) ?? [];
    return { kind: 'cluster', nodes: nodes.map(({ host, port }) => ({ host, port })), ...authOf(env, nodes) };
  }
  if (env.REDIS_SENTINELS && env.REDIS_SENTINEL_NAME) {
    const sentinels = (addressesOf(env.REDIS_SENTINELS, false) ?? []).map(({ host, port }) => ({ host, port }));
    const password = env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {};
    const sentinelPassword = env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {};
    return { kind: 'sentinel', sentinels, name: env.REDIS_SENTINEL_NAME, ...password, ...sentinelPassword, ...wait };
  }
  return env.REDIS_URL ? { kind: 'single', url: env.REDIS_URL, ...wait } : undefined;
}

/** How the log names the target: no user names or passwords. */
export function describeTarget(target: RedisTarget): string {
  const list = (addresses: RedisAddress[]) => addresses.map((a) => `${a.host}:${a.port}`).join(',');
  if (target.kind === 'cluster') return `cluster ${list(target.nodes)}`;
  if (target.kind === 'sentinel') return `sentinel ${target.name} via ${list(target.sentinels)}`;
  try {
    const parsed = new URL(target.url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return 'an unparseable REDIS_URL';
  }
}
