import { readdirSync } from 'node:fs';
import path from 'node:path';
import { scriptSource } from '../../src/redis/scripts';

/** Shared Lua (src/redis/lua) is taken into the scripts of the store and the scheduler by `--#include`. */
const root = path.resolve(__dirname, '../..');
const scriptDirs = ['src/store/redis/lua', 'src/scheduler/lua'].map((dir) => path.join(root, dir));
const scripts = scriptDirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.lua')).map((f) => path.join(dir, f)));

describe('Lua includes', () => {
  it('are expanded in every script, so no include line reaches Redis', () => {
    expect(scripts.length).toBeGreaterThan(8);
    for (const file of scripts) expect(scriptSource(file)).not.toMatch(/^--#include/m);
  });

  it('put the shared helpers where the script names them', () => {
    const commit = scriptSource(path.join(root, 'src/store/redis/lua/commit-4.lua'));
    expect(commit).toContain('local function expire_all');
    expect(commit.indexOf('local function expire_all')).toBeLessThan(commit.indexOf('expire_all(ttl'));
    const track = scriptSource(path.join(root, 'src/scheduler/lua/track-1.lua'));
    expect(track).toContain('local function expire_at_least');
  });
});
