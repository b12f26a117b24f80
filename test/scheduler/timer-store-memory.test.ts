import { MemoryTimerStore } from '../../src/scheduler/memory-timer-store';
import { timerStoreContract } from './timer-store.contract';

describe('MemoryTimerStore', () => {
  timerStoreContract(async () => {
    const store = new MemoryTimerStore();
    // One process: a second "instance" is the same store, as two schedulers in one bot would share it.
    return { store, second: () => store, cleanup: async () => undefined };
  });
});
