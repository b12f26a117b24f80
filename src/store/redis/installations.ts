import type { RedisClient } from '../../redis/connect';
import type { SealedRecords } from '../installations';
import { installationKey } from './keys';

/**
 * Installations on Redis: one string per workspace, `<prefix>installation:<workspace>`,
 * holding the sealed installation (never plain tokens). No TTL: an
 * installation lasts until the workspace uninstalls the bot or revokes its tokens.
 */
export class RedisSealedRecords implements SealedRecords {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisClient,
    options: { prefix?: string } = {},
  ) {
    this.prefix = options.prefix ?? '';
  }

  get(workspace: string): Promise<string | null> {
    return this.redis.get(installationKey(this.prefix, workspace));
  }

  async set(workspace: string, sealed: string): Promise<void> {
    await this.redis.set(installationKey(this.prefix, workspace), sealed);
  }

  async delete(workspace: string): Promise<void> {
    await this.redis.del(installationKey(this.prefix, workspace));
  }
}
