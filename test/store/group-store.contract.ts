/**
 * The behaviour every GroupStore must have. Run against Redis and memory by
 * redis-group-store.test.ts and memory-group-store.test.ts.
 */
import { newGroup } from '../../src/engine/groups';
import type { Group } from '../../src/engine/groups/group';
import type { GroupStore } from '../../src/store/group-store';

export interface GroupStoreHarness {
  store: GroupStore;
  cleanup(): Promise<void>;
}

/** A group of three in a channel. */
export function aGroup(id: string, channel = 'C0GRP', team?: string): Group {
  const { group } = newGroup(
    {
      id,
      channel,
      name: 'Coaches',
      createdBy: 'U0AAA',
      members: ['U0BBB', 'U0CCC'],
      facilitators: ['U0AAA'],
      zone: 'Europe/Berlin',
      rule: { kind: 'monthly', nth: 2, weekday: 2, time: '18:00' },
      settings: { formatId: 'progress-focused', meeting: 'live', facilitatorIsMember: true, askDays: 3, remindMinutes: 30 },
    },
    Date.UTC(2024, 2, 1),
  );
  return team ? { ...group, team } : group;
}

function changed(group: Group): Group {
  return { ...group, seq: group.seq + 1, members: [...group.members, 'U0DDD'] };
}

export function groupStoreContract(makeHarness: () => Promise<GroupStoreHarness>): void {
  let h: GroupStoreHarness;
  let store: GroupStore;
  beforeEach(async () => {
    h = await makeHarness();
    store = h.store;
  });
  afterEach(() => h.cleanup());

  it('creates a group, loads a copy of it, and finds it by its channel', async () => {
    const group = aGroup('g1');
    expect(await store.create(group)).toBe('created');
    const loaded = await store.load('g1');
    expect(loaded).toEqual(group);
    loaded?.members.push('U0XXX');
    expect((await store.load('g1'))?.members).toEqual(group.members);
    expect(await store.byChannel('C0GRP')).toBe('g1');
    expect(await store.list()).toEqual(['g1']);
    expect(await store.load('nope')).toBeNull();
  });

  it('keeps one group per channel, and refuses an id that is taken', async () => {
    expect(await store.create(aGroup('g1'))).toBe('created');
    expect(await store.create(aGroup('g2'))).toBe('channel-taken');
    expect(await store.load('g2')).toBeNull();
    expect(await store.create(aGroup('g1', 'C0OTHER'))).toBe('id-taken');
    expect(await store.create(aGroup('g3', 'C0OTHER'))).toBe('created');
    expect((await store.list()).sort()).toEqual(['g1', 'g3']);
  });

  it('commits on the version it loaded, and turns down a stale one (optimistic concurrency)', async () => {
    const group = aGroup('g1');
    await store.create(group);
    expect(await store.commit(changed(group), group.seq)).toBe('committed');
    expect((await store.load('g1'))?.members).toContain('U0DDD');
    expect(await store.commit(changed(group), group.seq)).toBe('conflict');
    expect(await store.commit(changed(aGroup('gone')), 1)).toBe('missing');
    await expect(store.commit({ ...group, seq: 7 }, 1)).rejects.toThrow(/seq must grow by one/);
  });

  it('keeps the groups of each workspace apart, and the workspace readable on its own', async () => {
    expect(await store.create(aGroup('g1', 'C0SHARED', 'T1'))).toBe('created');
    expect(await store.create(aGroup('g2', 'C0SHARED', 'T2'))).toBe('created');
    expect(await store.byChannel('C0SHARED', 'T1')).toBe('g1');
    expect(await store.byChannel('C0SHARED', 'T2')).toBe('g2');
    expect(await store.byChannel('C0SHARED')).toBeUndefined();
    expect(await store.list('T2')).toEqual(['g2']);
    expect(await store.teamOf('g1')).toBe('T1');
    expect(await store.teamOf('nope')).toBeUndefined();
  });

  it('records the messages posted for a group, and forgets one', async () => {
    await store.create(aGroup('g1'));
    await store.recordMessage('g1', 'card', { channel: 'C0GRP', ts: '1.1' });
    await store.recordMessage('g1', 'ask:2024-03-12:U0BBB', { channel: 'D0B', ts: '2.2', shown: 'abc' });
    expect(await store.messages('g1')).toEqual({ card: { channel: 'C0GRP', ts: '1.1' }, 'ask:2024-03-12:U0BBB': { channel: 'D0B', ts: '2.2', shown: 'abc' } });
    await store.forgetMessage('g1', 'card');
    expect(Object.keys(await store.messages('g1'))).toEqual(['ask:2024-03-12:U0BBB']);
  });

  it('deletes everything of a group: its record, its messages, its channel entry; the channel may have a new group', async () => {
    await store.create(aGroup('g1'));
    await store.recordMessage('g1', 'card', { channel: 'C0GRP', ts: '1.1' });
    await store.delete('g1');
    expect(await store.load('g1')).toBeNull();
    expect(await store.messages('g1')).toEqual({});
    expect(await store.byChannel('C0GRP')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect(await store.create(aGroup('g2'))).toBe('created');
    await store.delete('g1');
    expect(await store.byChannel('C0GRP')).toBe('g2');
  });
}
