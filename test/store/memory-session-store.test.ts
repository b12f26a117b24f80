import { MemorySessionStore } from '../../src/store/memory';
import { sessionStoreContract } from './session-store.contract';

describe('MemorySessionStore', () => {
  sessionStoreContract(async ({ ttlSeconds }) => {
    let now = 1_700_000_000_000;
    const store = new MemorySessionStore({ ttlSeconds, now: () => now });
    return {
      store,
      async elapse(ms) {
        now += ms;
      },
      async cleanup() {
        await store.close();
      },
    };
  });

  describe('event claims in process memory', () => {
    it('are bounded: past the bound the oldest claim is forgotten first, the newer ones hold', async () => {
      const store = new MemorySessionStore({ maxEventClaims: 3 });
      for (const id of ['Ev1', 'Ev2', 'Ev3', 'Ev4']) expect(await store.claimEvent(id, 60_000)).toBe(true);
      expect(await store.claimEvent('Ev3', 60_000)).toBe(false);
      expect(await store.claimEvent('Ev4', 60_000)).toBe(false);
      // Ev1 made room for Ev4; taking it again makes room by forgetting Ev2.
      expect(await store.claimEvent('Ev1', 60_000)).toBe(true);
      expect(await store.claimEvent('Ev2', 60_000)).toBe(true);
      expect(await store.claimEvent('Ev4', 60_000)).toBe(false);
    });
  });
});
