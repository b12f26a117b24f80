import { MemoryGroupStore } from '../../src/store/memory-groups';
import { groupStoreContract } from './group-store.contract';

describe('MemoryGroupStore', () => {
  groupStoreContract(async () => ({ store: new MemoryGroupStore(), cleanup: async () => undefined }));
});
