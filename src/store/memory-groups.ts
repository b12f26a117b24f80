/**
 * Groups in process memory, for a single instance without Redis: the same
 * semantics as RedisGroupStore, kept as codec strings so callers never share
 * an object with the store. Each method runs without awaiting in between.
 */
import type { Group } from '../engine/groups/group';
import { type CreateGroupResult, type GroupCodec, type GroupStore, jsonGroupCodec } from './group-store';
import { type CommitResult, type MessageRef, decodeMessageRef, encodeMessageRef } from './session-store';

interface StoredGroup {
  seq: number;
  data: string;
  channel: string;
  team?: string;
}

/** A channel's key in a workspace's index. */
function indexKey(team: string | undefined): string {
  return team ?? '';
}

export class MemoryGroupStore implements GroupStore {
  private readonly groups = new Map<string, StoredGroup>();
  private readonly records = new Map<string, Map<string, string>>();
  /** Workspace ('' for the one) -> channel -> group id. */
  private readonly index = new Map<string, Map<string, string>>();

  constructor(private readonly codec: GroupCodec = jsonGroupCodec) {}

  async load(id: string): Promise<Group | null> {
    const stored = this.groups.get(id);
    return stored ? this.codec.decode(stored.data) : null;
  }

  async create(group: Group): Promise<CreateGroupResult> {
    if (this.groups.has(group.id)) return 'id-taken';
    const channels = this.index.get(indexKey(group.team)) ?? new Map<string, string>();
    const existing = channels.get(group.channel);
    if (existing !== undefined && this.groups.has(existing)) return 'channel-taken';
    this.groups.set(group.id, { seq: group.seq, data: this.codec.encode(group), channel: group.channel, ...(group.team ? { team: group.team } : {}) });
    channels.set(group.channel, group.id);
    this.index.set(indexKey(group.team), channels);
    return 'created';
  }

  async commit(next: Group, expectedSeq: number): Promise<CommitResult> {
    if (next.seq !== expectedSeq + 1) throw new Error(`commit of group seq ${next.seq} on expected seq ${expectedSeq}: seq must grow by one`);
    const stored = this.groups.get(next.id);
    if (!stored) return 'missing';
    if (stored.seq !== expectedSeq) return 'conflict';
    this.groups.set(next.id, { ...stored, seq: next.seq, data: this.codec.encode(next) });
    return 'committed';
  }

  async byChannel(channel: string, team?: string): Promise<string | undefined> {
    const id = this.index.get(indexKey(team))?.get(channel);
    return id !== undefined && this.groups.has(id) ? id : undefined;
  }

  async list(team?: string): Promise<string[]> {
    return [...(this.index.get(indexKey(team))?.values() ?? [])].filter((id) => this.groups.has(id));
  }

  async teamOf(id: string): Promise<string | undefined> {
    return this.groups.get(id)?.team;
  }

  async recordMessage(id: string, key: string, ref: MessageRef): Promise<void> {
    const record = this.records.get(id) ?? new Map<string, string>();
    record.set(key, encodeMessageRef(ref));
    this.records.set(id, record);
  }

  async messages(id: string): Promise<Record<string, MessageRef>> {
    const refs: Record<string, MessageRef> = {};
    for (const [key, value] of this.records.get(id) ?? []) {
      const ref = decodeMessageRef(value);
      if (ref) refs[key] = ref;
    }
    return refs;
  }

  async forgetMessage(id: string, key: string): Promise<void> {
    this.records.get(id)?.delete(key);
  }

  async delete(id: string): Promise<void> {
    const stored = this.groups.get(id);
    this.groups.delete(id);
    this.records.delete(id);
    if (!stored) return;
    const channels = this.index.get(indexKey(stored.team));
    if (channels?.get(stored.channel) === id) channels.delete(stored.channel);
  }
}
