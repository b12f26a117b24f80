/**
 * A map whose entries expire like Redis keys (each with its own deadline), on
 * an injectable clock, so the memory stores behave like the Redis ones and
 * tests can move time forward instead of waiting.
 */
export class ExpiringMap<K, V> {
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  /** The live value, or undefined (an expired entry is dropped on the way). */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores a value that lives for `ttlMs` from now. */
  set(key: K, value: V, ttlMs: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  /** Moves a live entry's deadline to `ttlMs` from now (like PEXPIRE: nothing if absent). */
  touch(key: K, ttlMs: number): void {
    const value = this.get(key);
    if (value !== undefined) this.set(key, value, ttlMs);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Keys of live entries. */
  keys(): K[] {
    return [...this.entries.keys()].filter((key) => this.has(key));
  }

  /** Milliseconds left for a live entry, or null (tests, like PTTL). */
  ttl(key: K): number | null {
    const entry = this.entries.get(key);
    return entry && this.has(key) ? entry.expiresAt - this.now() : null;
  }
}
