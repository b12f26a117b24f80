/**
 * Where the bot keeps its sessions, from its settings: one Redis
 * (REDIS_URL), a Redis Cluster (REDIS_CLUSTER_NODES) or Sentinel's primary
 * (REDIS_SENTINELS, REDIS_SENTINEL_NAME), every mistake named without its
 * value; and the stores the composition root opens on the test cluster,
 * both connections, doing their work there.
 */
import { openStores } from '../../src/bot';
import { loadConfig, type Config } from '../../src/config';
import { advanced, aSession } from './session-fixture';
import { capturedLogger } from '../support/log';
import { globEscape, isolatedCluster, scanKeys, testClusterNodes } from '../support/redis';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_SIGNING_SECRET: 'a-signing-secret-of-the-test' };

function configOf(env: Record<string, string>): Config {
  const loaded = loadConfig({ ...SLACK, ...env });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

function problemsOf(env: Record<string, string>): string[] {
  const loaded = loadConfig({ ...SLACK, ...env });
  return loaded.ok ? [] : loaded.problems;
}

describe('the Redis settings', () => {
  it('REDIS_CLUSTER_NODES lists nodes as host:port or redis:// URLs; a password in a URL, or REDIS_PASSWORD, reaches every node', () => {
    expect(configOf({ REDIS_CLUSTER_NODES: 'redis-1:6379, redis-2:6380' }).redis).toEqual({ kind: 'cluster', nodes: [{ host: 'redis-1', port: 6379 }, { host: 'redis-2', port: 6380 }] });
    expect(configOf({ REDIS_CLUSTER_NODES: 'rediss://bot:s3cret@redis-1:6379,redis-2:6379' }).redis).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'redis-1', port: 6379 }, { host: 'redis-2', port: 6379 }],
      username: 'bot',
      password: 's3cret',
      tls: true,
    });
    expect(configOf({ REDIS_CLUSTER_NODES: 'redis-1:6379', REDIS_PASSWORD: 'other' }).redis).toMatchObject({ password: 'other' });
  });

  it('REDIS_SENTINELS with REDIS_SENTINEL_NAME find the primary through Sentinel; REDIS_WAIT_REPLICAS waits for replicas', () => {
    expect(configOf({ REDIS_SENTINELS: 's1:26379,s2:26379,s3:26379', REDIS_SENTINEL_NAME: 'mymaster', REDIS_PASSWORD: 'p', REDIS_SENTINEL_PASSWORD: 'q', REDIS_WAIT_REPLICAS: '1' }).redis).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
        { host: 's3', port: 26379 },
      ],
      name: 'mymaster',
      password: 'p',
      sentinelPassword: 'q',
      waitReplicas: 1,
    });
    expect(configOf({ REDIS_URL: 'redis://r:6379', REDIS_WAIT_REPLICAS: '2' }).redis).toEqual({ kind: 'single', url: 'redis://r:6379', waitReplicas: 2 });
  });

  it('refuses contradictions and mistakes, naming the variable and never its value', () => {
    expect(problemsOf({ REDIS_URL: 'redis://r:6379', REDIS_CLUSTER_NODES: 'a:1' })).toEqual([expect.stringContaining('not REDIS_URL and REDIS_CLUSTER_NODES')]);
    expect(problemsOf({ REDIS_SENTINELS: 's1:26379' })).toEqual([expect.stringContaining('REDIS_SENTINELS and REDIS_SENTINEL_NAME go together')]);
    expect(problemsOf({ REDIS_SENTINEL_NAME: 'mymaster' })).toEqual([expect.stringContaining('REDIS_SENTINELS and REDIS_SENTINEL_NAME go together')]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'redis-1:6379,nowhere', REDIS_PASSWORD: 'x' })).toEqual([expect.stringContaining('REDIS_CLUSTER_NODES must list')]);
    expect(problemsOf({ REDIS_SENTINELS: 'redis://s1:26379', REDIS_SENTINEL_NAME: 'm' })).toEqual([expect.stringContaining('REDIS_SENTINELS must list')]);
    expect(problemsOf({ REDIS_CLUSTER_NODES: 'a:1', REDIS_WAIT_REPLICAS: '1' })).toEqual([expect.stringContaining('REDIS_WAIT_REPLICAS works with REDIS_URL or REDIS_SENTINELS')]);
    expect(problemsOf({ REDIS_WAIT_REPLICAS: '1' })).toEqual([expect.stringContaining('REDIS_WAIT_REPLICAS needs a Redis')]);
    expect(problemsOf({ REDIS_URL: 'redis://r:6379', REDIS_PASSWORD: 'hunter2-secret' })).toEqual([expect.stringContaining('put the password in the URL')]);
    expect(problemsOf({ REDIS_URL: 'redis://r:6379', REDIS_WAIT_REPLICAS: 'all' })).toEqual([expect.stringContaining('REDIS_WAIT_REPLICAS must be a whole number')]);
    const all = problemsOf({ REDIS_CLUSTER_NODES: 'secret-host:notaport', REDIS_PASSWORD: 'hunter2-secret' }).join(' ');
    expect(all).not.toContain('secret-host');
    expect(all).not.toContain('hunter2-secret');
  });
});

describe('the stores on a Redis Cluster (REDIS_CLUSTER_NODES)', () => {
  const iso = isolatedCluster(__filename);
  afterAll(() => iso.cleanup());

  it('sessions, timers and heartbeats work through both of its connections', async () => {
    const spec = testClusterNodes().map((n) => `${n.host}:${n.port}`).join(',');
    const { logger, lines } = capturedLogger('info');
    const opened = openStores(configOf({ REDIS_CLUSTER_NODES: spec }), logger, { prefix: iso.prefix });
    try {
      const { store, requestStore, timers, instances } = opened.wiring;
      const session = aSession();
      // The connection for requests queues nothing, not even before it is first ready: wait for it, as the bot's first request would have.
      for (const until = Date.now() + 5000; !(await requestStore?.ping()) && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await requestStore?.create(session, [{ type: 'card' }])).toBe(true);
      expect(await store.commit(advanced(session), session.seq, [])).toBe('committed');
      expect(await store.pendingSessions()).toEqual([session.id]);
      await timers.schedule({ sessionId: session.id, key: 'idle', timer: { kind: 'idle', at: 1 } });
      expect((await timers.claimDue(2, 10, 60_000)).map((t) => t.sessionId)).toEqual([session.id]);
      expect((await instances?.beat('instance-1', 2000))?.steady).toBe(false);
      expect(await store.ping()).toBe(true);
      expect((await scanKeys(iso.redis, `${globEscape(iso.prefix)}*`)).length).toBeGreaterThan(4);
      expect(lines.join('')).toContain('"redis":"cluster 127.0.0.1:');
    } finally {
      await opened.close();
    }
  });
});
