/**
 * Groups on Redis. A group's keys carry the hash tag {group:<id>} (one slot
 * on Redis Cluster): `:state` (hash: seq, data, channel, team) and
 * `:messages` (what was posted for it). A workspace's index
 * (`groups:<team>`, or `groups` with one workspace: channel -> id) is one
 * small key in its own slot, written by separate calls, ordered so a crash
 * leaves at most an entry naming a group that is gone, which readers skip
 * and the next create in that channel replaces. Groups do not expire: they
 * are durable until deleted.
 */
import { join } from 'node:path';
import type { RedisClient } from '../../redis/connect';
import type { Group } from '../../engine/groups/group';
import { loadScripts, script, type ScriptCall } from '../../redis/scripts';
import { type CreateGroupResult, type GroupCodec, type GroupStore, StoredGroupUnreadableError, jsonGroupCodec } from '../group-store';
import { type CommitResult, type MessageRef, decodeMessageRef, encodeMessageRef } from '../session-store';
import { groupIndexKey, groupKeys } from './keys';

export class RedisGroupStore implements GroupStore {
  private readonly prefix: string;
  private readonly codec: GroupCodec;
  private readonly commitScript: ScriptCall;
  private readonly unindexScript: ScriptCall;

  constructor(
    private readonly redis: RedisClient,
    options: { prefix?: string; codec?: GroupCodec } = {},
  ) {
    this.prefix = options.prefix ?? '';
    this.codec = options.codec ?? jsonGroupCodec;
    const scripts = loadScripts(redis, join(__dirname, 'group-lua'), 'ivGroup');
    this.commitScript = script(scripts, 'commit');
    this.unindexScript = script(scripts, 'unindex');
  }

  private keys(id: string) {
    return groupKeys(this.prefix, id);
  }

  async load(id: string): Promise<Group | null> {
    const data = await this.redis.hget(this.keys(id).state, 'data');
    if (data === null) return null;
    const group = this.codec.decode(data);
    if (group.id !== id) throw new StoredGroupUnreadableError('the stored group belongs to another key');
    return group;
  }

  /** The group's state first, then the channel's index entry (HSETNX): a crash between leaves a group no index names, never an entry without a group. */
  async create(group: Group): Promise<CreateGroupResult> {
    const k = this.keys(group.id);
    const created = await this.commitScript([k.state], ['', group.seq, this.codec.encode(group), group.channel, group.team ?? '']);
    if (created !== 1) return 'id-taken';
    const index = groupIndexKey(this.prefix, group.team);
    if ((await this.redis.hsetnx(index, group.channel, group.id)) === 1) return 'created';
    const existing = await this.redis.hget(index, group.channel);
    if (existing !== null && existing !== group.id && (await this.redis.exists(this.keys(existing).state)) === 1) {
      await this.redis.del(k.state);
      return 'channel-taken';
    }
    // The entry named a group that is gone: this one takes the channel.
    await this.redis.hset(index, group.channel, group.id);
    return 'created';
  }

  async commit(next: Group, expectedSeq: number): Promise<CommitResult> {
    if (next.seq !== expectedSeq + 1) throw new Error(`commit of group seq ${next.seq} on expected seq ${expectedSeq}: seq must grow by one`);
    const result = await this.commitScript([this.keys(next.id).state], [String(expectedSeq), next.seq, this.codec.encode(next), next.channel, next.team ?? '']);
    if (result === 1) return 'committed';
    return result === 0 ? 'conflict' : 'missing';
  }

  async byChannel(channel: string, team?: string): Promise<string | undefined> {
    const id = await this.redis.hget(groupIndexKey(this.prefix, team), channel);
    if (id === null) return undefined;
    return (await this.redis.exists(this.keys(id).state)) === 1 ? id : undefined;
  }

  async list(team?: string): Promise<string[]> {
    const ids = await this.redis.hvals(groupIndexKey(this.prefix, team));
    // One EXISTS per group: their keys are in different slots.
    const alive = await Promise.all(ids.map((id) => this.redis.exists(this.keys(id).state)));
    return ids.filter((_, i) => alive[i] === 1);
  }

  async teamOf(id: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys(id).state, 'team')) ?? undefined;
  }

  async recordMessage(id: string, key: string, ref: MessageRef): Promise<void> {
    await this.redis.hset(this.keys(id).messages, key, encodeMessageRef(ref));
  }

  async messages(id: string): Promise<Record<string, MessageRef>> {
    const refs: Record<string, MessageRef> = {};
    for (const [key, value] of Object.entries(await this.redis.hgetall(this.keys(id).messages))) {
      const ref = decodeMessageRef(value);
      if (ref) refs[key] = ref;
    }
    return refs;
  }

  async forgetMessage(id: string, key: string): Promise<void> {
    await this.redis.hdel(this.keys(id).messages, key);
  }

  /** The group's keys in one DEL (one slot), then its channel's index entry. */
  async delete(id: string): Promise<void> {
    const k = this.keys(id);
    const [channel, team] = await this.redis.hmget(k.state, 'channel', 'team');
    await this.redis.del(k.state, k.messages);
    if (channel) await this.unindexScript([groupIndexKey(this.prefix, team ?? undefined)], [channel, id]);
  }
}
