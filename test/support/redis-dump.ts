/**
 * Reading what Redis holds the way an attacker with a copy would: key names,
 * values, and DUMP bytes (the RDB encoding). Redis compresses strings in
 * DUMP and RDB with LZF (rdbcompression, on by default), which breaks a
 * repeated phrase apart, so a plain byte search would miss plaintext there;
 * the search also reads every LZF block it finds.
 */
import type { RedisClient } from '../../src/redis/connect';
import { globEscape, scanKeys } from './redis';

/** LZF (as Redis writes it): the original bytes, or undefined when `input` is not a well-formed block of that size. */
export function lzfDecompress(input: Buffer, size: number): Buffer | undefined {
  const out = Buffer.alloc(size);
  let ip = 0;
  let op = 0;
  while (ip < input.length) {
    const ctrl = input[ip++]!;
    if (ctrl < 32) {
      const run = ctrl + 1;
      if (ip + run > input.length || op + run > size) return undefined;
      input.copy(out, op, ip, ip + run);
      ip += run;
      op += run;
      continue;
    }
    let run = ctrl >> 5;
    if (run === 7) run += input[ip++] ?? 0;
    const back = ((ctrl & 0x1f) << 8) + (input[ip++] ?? 0) + 1;
    run += 2;
    if (ip > input.length || back > op || op + run > size) return undefined;
    for (let i = 0; i < run; i++, op++) out[op] = out[op - back]!;
  }
  return op === size ? out : undefined;
}

/** An RDB length at `at`: [length, offset after it], or undefined where there is none. */
function rdbLength(bytes: Buffer, at: number): [number, number] | undefined {
  const first = bytes[at];
  if (first === undefined) return undefined;
  if (first >> 6 === 0) return [first & 0x3f, at + 1];
  if (first >> 6 === 1 && at + 1 < bytes.length) return [((first & 0x3f) << 8) | bytes[at + 1]!, at + 2];
  if (first === 0x80 && at + 5 <= bytes.length) return [bytes.readUInt32BE(at + 1), at + 5];
  return undefined;
}

/** The bytes as stored plus every LZF-compressed string in them, expanded (0xC3 marks one in RDB and DUMP). */
export function expanded(bytes: Buffer, depth = 0): Buffer[] {
  const found = [bytes];
  for (let i = bytes.indexOf(0xc3); i >= 0 && depth < 2; i = bytes.indexOf(0xc3, i + 1)) {
    const compressed = rdbLength(bytes, i + 1);
    const original = compressed && rdbLength(bytes, compressed[1]);
    if (!compressed || !original || original[0] > 1 << 24) continue;
    const block = bytes.subarray(original[1], original[1] + compressed[0]);
    const plain = block.length === compressed[0] ? lzfDecompress(block, original[0]) : undefined;
    if (plain) found.push(...expanded(plain, depth + 1));
  }
  return found;
}

/** The phrases that appear anywhere in the bytes, compressed or not. */
export function phrasesIn(bytes: Buffer[], phrases: readonly string[]): string[] {
  const all = bytes.flatMap((b) => expanded(b));
  return phrases.filter((phrase) => all.some((b) => b.includes(phrase)));
}

/** Every key under the prefix, three ways: its name, its value as read back, and its DUMP bytes (none when no key is there). */
export async function everythingUnder(redis: RedisClient, prefix: string): Promise<{ names: Buffer[]; values: Buffer[]; dumps: Buffer[] }> {
  const keys = await scanKeys(redis, `${globEscape(prefix)}*`);
  const read = async (key: string): Promise<unknown> => {
    const type = await redis.type(key);
    if (type === 'string') return redis.get(key);
    if (type === 'hash') return redis.hgetall(key);
    if (type === 'list') return redis.lrange(key, 0, -1);
    if (type === 'set') return redis.smembers(key);
    if (type === 'zset') return redis.zrange(key, 0, '-1');
    throw new Error(`unexpected key type ${type}`);
  };
  const values = await Promise.all(keys.map(async (key) => Buffer.from(JSON.stringify(await read(key)))));
  const dumps = await Promise.all(keys.map(async (key) => (await redis.dumpBuffer(key)) ?? Buffer.alloc(0)));
  return { names: keys.map((key) => Buffer.from(key)), values, dumps };
}
