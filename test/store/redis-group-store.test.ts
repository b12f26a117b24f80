import { randomBytes } from 'node:crypto';
import { groupCodecFor, StoredGroupUnreadableError } from '../../src/store/group-store';
import { RedisGroupStore } from '../../src/store/redis/redis-group-store';
import { groupIndexKey, groupKeys } from '../../src/store/redis/keys';
import { globEscape, isolatedRedis, scanKeys } from '../support/redis';
import { aGroup, groupStoreContract } from './group-store.contract';

const iso = isolatedRedis(__filename);
afterAll(() => iso.cleanup());
let harnesses = 0;

describe('RedisGroupStore', () => {
  groupStoreContract(async () => {
    harnesses += 1;
    return { store: new RedisGroupStore(iso.redis, { prefix: `${iso.prefix}${harnesses}:` }), cleanup: async () => undefined };
  });

  describe('keys on Redis', () => {
    const prefix = `${iso.prefix}keys:`;

    it("keeps a group's keys under its hash tag, and the index per workspace", async () => {
      const store = new RedisGroupStore(iso.redis, { prefix });
      await store.create(aGroup('g1', 'C0GRP', 'T1'));
      await store.recordMessage('g1', 'card', { channel: 'C0GRP', ts: '1.1' });
      expect((await scanKeys(iso.redis, `${globEscape(prefix)}*`)).sort()).toEqual([`${prefix}groups:T1`, `${prefix}{group:g1}:messages`, `${prefix}{group:g1}:state`]);
      expect(await iso.redis.hgetall(groupIndexKey(prefix, 'T1'))).toEqual({ C0GRP: 'g1' });
      expect(await iso.redis.hget(groupKeys(prefix, 'g1').state, 'team')).toBe('T1');
      // Durable: nothing of a group expires.
      expect(await iso.redis.pttl(groupKeys(prefix, 'g1').state)).toBe(-1);
      await store.delete('g1');
      expect(await scanKeys(iso.redis, `${globEscape(prefix)}*`)).toEqual([]);
    });

    it('takes over a channel whose index entry names a group that is gone', async () => {
      const store = new RedisGroupStore(iso.redis, { prefix: `${prefix}stale:` });
      await iso.redis.hset(groupIndexKey(`${prefix}stale:`), 'C0GRP', 'ghost');
      expect(await store.byChannel('C0GRP')).toBeUndefined();
      expect(await store.create(aGroup('g2'))).toBe('created');
      expect(await store.byChannel('C0GRP')).toBe('g2');
    });

    it('stores a group encrypted with the content key (its cases’ titles are content), and refuses it without the key', async () => {
      const key = randomBytes(32);
      const sealed = new RedisGroupStore(iso.redis, { prefix: `${prefix}enc:`, codec: groupCodecFor({ key }) });
      const group = { ...aGroup('g1'), proposals: [{ id: 'g1', author: 'U0BBB', title: 'DISTINCTIVE-TITLE', at: 1 }] };
      await sealed.create(group);
      const raw = (await iso.redis.hget(groupKeys(`${prefix}enc:`, 'g1').state, 'data')) ?? '';
      expect(raw.startsWith('v1.')).toBe(true);
      expect(raw).not.toContain('DISTINCTIVE');
      expect((await sealed.load('g1'))?.proposals[0]?.title).toBe('DISTINCTIVE-TITLE');
      const other = new RedisGroupStore(iso.redis, { prefix: `${prefix}enc:`, codec: groupCodecFor({ key: randomBytes(32) }) });
      await expect(other.load('g1')).rejects.toBeInstanceOf(StoredGroupUnreadableError);
    });
  });
});
