import type { Redis } from 'ioredis';
import { channelKey, personKey, sessionKeys, teamChannelsPattern, teamPeoplePattern } from './keys';
import { scanKeys } from './scan';

/** Of `ids` (in their order), those whose session content still exists, and those gone; one EXISTS each: their keys are in different slots. */
async function sortOut(redis: Redis, prefix: string, ids: string[]): Promise<{ alive: string[]; gone: string[] }> {
  const exists = await Promise.all(ids.map((id) => redis.exists(sessionKeys(prefix, id).state)));
  return { alive: ids.filter((_, i) => exists[i] === 1), gone: ids.filter((_, i) => exists[i] === 0) };
}

/**
 * Per channel, its active sessions (keys.ts, `channel:`): a sorted set of
 * session ids scored by createdAt, per workspace when there are several.
 * Written after the session exists and read with its dead entries dropped
 * (see redis-session-store.ts).
 */
export class RedisChannelIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  /** Ids of the active sessions in a channel (of `team`), oldest first; drops entries of expired sessions. */
  async list(channel: string, team?: string): Promise<string[]> {
    const index = channelKey(this.prefix, channel, team);
    const { alive, gone } = await sortOut(this.redis, this.prefix, await this.redis.zrange(index, 0, '-1'));
    if (gone.length > 0) await this.redis.zrem(index, ...gone);
    return alive;
  }

  /** Ids in every channel index of the workspace (found by SCAN). */
  async listTeam(team: string): Promise<string[]> {
    const ids = new Set<string>();
    for (const index of await scanKeys(this.redis, teamChannelsPattern(this.prefix, team))) {
      for (const id of await this.redis.zrange(index, 0, '-1')) ids.add(id);
    }
    return [...ids];
  }

  /** Indexes a new session in its channel, with the content's TTL. */
  async add(session: { id: string; channel: string; team?: string | undefined; createdAt: number }): Promise<void> {
    const index = channelKey(this.prefix, session.channel, session.team);
    await this.redis.multi().zadd(index, 'NX', session.createdAt, session.id).pexpire(index, this.ttlMs).exec();
  }

  /** Gives the channel's index `ms` to live again. */
  async touch(channel: string, team: string | undefined, ms: number): Promise<void> {
    await this.redis.pexpire(channelKey(this.prefix, channel, team), ms);
  }

  /** Takes a session out of its channel's index. */
  async remove(sessionId: string, channel: string, team?: string): Promise<void> {
    await this.redis.zrem(channelKey(this.prefix, channel, team), sessionId);
  }
}

/**
 * Per person, the sessions they are in (the App Home lists them): a sorted
 * set of session ids scored by createdAt, one per person and workspace
 * (keys.ts, `person:`). Content-free: ids only. Like the channel indexes these
 * keys are shared by many sessions, so they live in other slots than a
 * session's keys and are written by calls of their own: an entry is added
 * after the session exists (the outbox adds its people, service/outbox.ts),
 * and a reader drops entries whose session is gone, so a crash in between
 * leaves nothing a reader would show wrongly. Each key lives as long as the
 * longest-lived session it names: adding to it and each session commit that
 * refreshes its TTLs give it the content's time to live again.
 */
export class RedisPersonIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** How long an index lives after it was last given time: the content's TTL plus its refresh interval. */
    private readonly ttlMs: number,
  ) {}

  /** Ids of the person's sessions, newest first; entries of sessions whose content is gone are dropped. */
  async list(user: string, team?: string): Promise<string[]> {
    const key = personKey(this.prefix, user, team);
    const { alive, gone } = await sortOut(this.redis, this.prefix, await this.redis.zrevrange(key, 0, -1));
    if (gone.length > 0) await this.redis.zrem(key, ...gone);
    return alive;
  }

  /** Adds the session to each person's index (NX: the score stays), and gives each index its time to live again. */
  async add(session: { id: string; team?: string | undefined; createdAt: number }, users: readonly string[]): Promise<void> {
    // One transaction per key (a person's keys share no slot with another's), all sent at once.
    await Promise.all(
      [...new Set(users)].map((user) => {
        const key = personKey(this.prefix, user, session.team);
        return this.redis.multi().zadd(key, 'NX', session.createdAt, session.id).pexpire(key, this.ttlMs).exec();
      }),
    );
  }

  /** Gives the indexes of these people their time to live again (a session of theirs was committed). */
  async touch(users: readonly string[], team?: string): Promise<void> {
    await Promise.all([...new Set(users)].map((user) => this.redis.pexpire(personKey(this.prefix, user, team), this.ttlMs)));
  }

  /** Takes the session out of each person's index. */
  async remove(sessionId: string, users: readonly string[], team?: string): Promise<void> {
    await Promise.all([...new Set(users)].map((user) => this.redis.zrem(personKey(this.prefix, user, team), sessionId)));
  }

  /** Deletes every person index of a workspace (found by SCAN: an uninstall, rare). */
  async forgetTeam(team: string): Promise<void> {
    const keys = await scanKeys(this.redis, teamPeoplePattern(this.prefix, team));
    // One DEL per key: on Cluster they may be in different slots.
    await Promise.all(keys.map((key) => this.redis.del(key)));
  }
}
