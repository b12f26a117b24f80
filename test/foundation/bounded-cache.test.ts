import { BoundedCache } from '../../src/bounded-cache';

describe('a bounded cache', () => {
  it('keeps at most its size, dropping the least recently used first', () => {
    const cache = new BoundedCache<string, number>(2, 60_000);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('forgets an entry once it is older than its age limit, and keeps a stored null apart from a miss', () => {
    let now = 0;
    const cache = new BoundedCache<string, number | null>(10, 1_000, () => now);
    cache.set('gone', null);
    expect(cache.get('gone')).toBeNull();
    now = 999;
    expect(cache.get('gone')).toBeNull();
    now = 1_000;
    expect(cache.get('gone')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its size whatever is put in', () => {
    const cache = new BoundedCache<number, number>(100, 60_000);
    for (let i = 0; i < 10_000; i += 1) cache.set(i, i);
    expect(cache.size).toBe(100);
    expect(cache.get(9_999)).toBe(9_999);
    expect(cache.get(0)).toBeUndefined();
  });
});
