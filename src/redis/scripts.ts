import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RedisClient } from './connect';

/** Runs one Lua script: keys only through KEYS, everything else through ARGV. */
export type ScriptCall = (keys: string[], args: Array<string | number>) => Promise<unknown>;

const FILE_NAME = /^([a-z][a-z-]*)-(\d+)\.lua$/;
/** A line `--#include <name>` takes in lua/<name>.lua of this folder: Lua shared by scripts of the store and the scheduler. */
const INCLUDE = /^--#include ([a-z][a-z-]*)$/gm;
const INCLUDES_DIR = join(__dirname, 'lua');

/** A script's source with its includes in place (each named file once, where its line stands). */
export function scriptSource(file: string): string {
  return readFileSync(file, 'utf8').replace(INCLUDE, (_line, name: string) => readFileSync(join(INCLUDES_DIR, `${name}.lua`), 'utf8').trimEnd());
}

/**
 * Shared Redis plumbing for the session store and the timer store: their Lua
 * scripts, one per file with KEYS/ARGV headers.
 *
 * Loads every `<command>-<number of keys>.lua` in `dir` onto the connection
 * (ioredis defineCommand: EVALSHA, falling back to EVAL after a SCRIPT FLUSH or
 * a failover) and returns a caller per command. Read once, at construction.
 */
export function loadScripts(redis: RedisClient, dir: string, namespace: string): Record<string, ScriptCall> {
  const calls: Record<string, ScriptCall> = {};
  for (const file of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(file);
    if (!match?.[1] || !match[2]) continue;
    const command = match[1];
    const numberOfKeys = Number(match[2]);
    const registered = `${namespace}_${command.replace(/-/g, '_')}`;
    redis.defineCommand(registered, { lua: scriptSource(join(dir, file)), numberOfKeys });
    calls[command] = async (keys, args) => {
      if (keys.length !== numberOfKeys) {
        throw new Error(`script ${command} takes ${numberOfKeys} keys, got ${keys.length}`);
      }
      // defineCommand adds the method at run time, so it is looked up by name.
      const method: unknown = Reflect.get(redis, registered);
      if (typeof method !== 'function') throw new Error(`script ${command} is not loaded`);
      const result: unknown = await Reflect.apply(method, redis, [...keys, ...args]);
      return result;
    };
  }
  return calls;
}

/** The caller for `command`, or a clear error naming the missing script file. */
export function script(calls: Record<string, ScriptCall>, command: string): ScriptCall {
  const call = calls[command];
  if (!call) throw new Error(`missing Lua script for ${command}`);
  return call;
}
