/**
 * Which bot instances are alive. Each instance beats every fraction of a
 * second; one whose last beat is older than the window has died (or lost
 * Redis), and the leases it holds (SessionStore.acquireLease) may be taken at
 * once instead of waiting for them to expire. Times are the store's own (Redis
 * TIME), so the instances' clocks need not agree.
 */

/** What one beat learns. */
export interface Beat {
  /**
   * This instance's previous beat is within the window: it has been alive and
   * reaching the store throughout, so what it sees of the others can be
   * trusted. False on its first beat and after a gap of its own.
   */
  steady: boolean;
  /** The other instances whose last beat is older than the window. */
  silent: string[];
}

export interface InstanceRegistry {
  /** Marks `instance` alive now and names the others that have not beaten for `windowMs`. */
  beat(instance: string, windowMs: number): Promise<Beat>;
  /** Takes `instance` out on a graceful stop (its work is done), so nobody takes it for dead. */
  leave(instance: string): Promise<void>;
}

/** How long an instance that stopped beating is still named: far past any lease it may have held. */
export const FORGET_SILENT_MS = 10 * 60_000;

/** The registry in process memory: for instances sharing one process (tests, one instance with a memory store). */
export class MemoryInstanceRegistry implements InstanceRegistry {
  private readonly last = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async beat(instance: string, windowMs: number): Promise<Beat> {
    const now = this.now();
    const previous = this.last.get(instance);
    this.last.set(instance, now);
    const silent: string[] = [];
    for (const [id, at] of this.last) {
      if (now - at > FORGET_SILENT_MS) this.last.delete(id);
      else if (id !== instance && now - at > windowMs) silent.push(id);
    }
    return { steady: previous !== undefined && now - previous <= windowMs, silent };
  }

  async leave(instance: string): Promise<void> {
    this.last.delete(instance);
  }
}
