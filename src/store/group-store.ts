/**
 * Persistence of intervision groups: the group (one JSON record, its version
 * checked on every commit, as sessions), the messages posted for it, and a
 * small index per workspace of which channel has which group. Two
 * implementations pass the same contract tests: Redis and memory.
 */
import type { Group } from '../engine/groups/group';
import type { CommitResult, MessageRef } from './session-store';
import { type EncryptionSettings, createTextSealer } from './crypto-codec';

export type CreateGroupResult = 'created' | 'channel-taken' | 'id-taken';

export interface GroupStore {
  /** The stored group, or null. A new object every call. Throws StoredGroupUnreadableError when it cannot be read. */
  load(id: string): Promise<Group | null>;
  /**
   * Stores a new group and makes it its channel's group (one per channel in
   * a workspace). 'channel-taken' when the channel has a group already
   * (nothing is stored), 'id-taken' when the id is.
   */
  create(group: Group): Promise<CreateGroupResult>;
  /** Stores `next` if the stored version is `expectedSeq` (next.seq = expectedSeq + 1), in one atomic step. */
  commit(next: Group, expectedSeq: number): Promise<CommitResult>;
  /** The id of the channel's group (of the workspace `team`), if it has one. */
  byChannel(channel: string, team?: string): Promise<string | undefined>;
  /** The ids of every group of the workspace `team` (or of the one workspace). */
  list(team?: string): Promise<string[]>;
  /** The workspace a stored group belongs to, readable without its data; undefined for none. */
  teamOf(id: string): Promise<string | undefined>;
  /** Remembers a message posted for the group under a stable key ("card", "ask:<slot>:<user>", …). */
  recordMessage(id: string, key: string, ref: MessageRef): Promise<void>;
  messages(id: string): Promise<Record<string, MessageRef>>;
  forgetMessage(id: string, key: string): Promise<void>;
  /** Deletes everything stored of the group: its record, its messages' record, its channel's index entry. */
  delete(id: string): Promise<void>;
}

/** A stored group that cannot be read (another encryption key, or altered): its message holds no content. */
export class StoredGroupUnreadableError extends Error {
  override readonly name = 'StoredGroupUnreadableError';
  readonly code = 'stored_group_unreadable';
}

/** Turns a group into the stored string and back. */
export interface GroupCodec {
  encode(group: Group): string;
  decode(stored: string): Group;
}

function parseGroup(json: string): Group {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StoredGroupUnreadableError('stored group is not JSON');
  }
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || v.v !== 1 || typeof v.id !== 'string' || typeof v.seq !== 'number' || typeof v.channel !== 'string') {
    throw new StoredGroupUnreadableError('stored group has an unknown shape or version');
  }
  return value as Group;
}

export const jsonGroupCodec: GroupCodec = { encode: (group) => JSON.stringify(group), decode: parseGroup };

/**
 * The codec for groups: encrypted with the content key when one is set (a
 * group holds the titles of cases proposed for its next meeting), as
 * sessions are; plain JSON otherwise, and readable either way after a switch.
 */
export function groupCodecFor(settings: EncryptionSettings): GroupCodec {
  if (!settings.key) return jsonGroupCodec;
  const sealer = createTextSealer({ key: settings.key, ...(settings.previousKey ? { previousKeys: [settings.previousKey] } : {}) });
  return {
    encode: (group) => sealer.seal(JSON.stringify(group)),
    decode(stored) {
      if (stored.startsWith('{')) return parseGroup(stored);
      let json: string;
      try {
        json = sealer.open(stored);
      } catch {
        throw new StoredGroupUnreadableError('stored group cannot be read with CONTENT_ENCRYPTION_KEY or the previous key');
      }
      return parseGroup(json);
    },
  };
}
