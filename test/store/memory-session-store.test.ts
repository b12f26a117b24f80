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
});
