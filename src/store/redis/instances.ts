import { join } from 'node:path';
import type { RedisClient } from '../../redis/connect';
import { loadScripts, script, type ScriptCall } from '../../redis/scripts';
import { type Beat, FORGET_SILENT_MS, type InstanceRegistry } from '../instances';
import { instancesKey } from './keys';

/**
 * The instance registry on Redis: one sorted set, `<prefix>instances`, of
 * instance ids scored by their last beat (Redis TIME, ms); each beat is one
 * script call (instances-lua/beat-1.lua). One key, so it works on Cluster.
 */
export class RedisInstanceRegistry implements InstanceRegistry {
  private readonly key: string;
  private readonly beatScript: ScriptCall;

  constructor(
    private readonly redis: RedisClient,
    options: { prefix?: string } = {},
  ) {
    this.key = instancesKey(options.prefix ?? '');
    this.beatScript = script(loadScripts(redis, join(__dirname, 'instances-lua'), 'ivInstances'), 'beat');
  }

  async beat(instance: string, windowMs: number): Promise<Beat> {
    const reply: unknown = await this.beatScript([this.key], [instance, Math.max(1, Math.ceil(windowMs)), FORGET_SILENT_MS]);
    const [steady, ...silent] = Array.isArray(reply) ? reply : [];
    return { steady: steady === 1, silent: silent.map(String) };
  }

  async leave(instance: string): Promise<void> {
    await this.redis.zrem(this.key, instance);
  }
}
