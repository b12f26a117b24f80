/**
 * A whole session on a real Redis Cluster (three primaries, started by the
 * test support): the bot's stores and timers on a Cluster client, the session
 * played through Slack from /intervision new to close, with a timer fired on
 * the way. Every script ran on keys of one slot (the cluster refuses any
 * other), and the close left nothing of the session on any node.
 */
import { Cluster } from 'ioredis';
import { CHANNEL, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys, timerMembers } from '../support/redis';
import { playWholeSession } from './whole-session';

const MARK = 'CONFIDENTIAL-cluster';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename, on: 'cluster' });
});

afterAll(async () => {
  await bot?.stop();
});

it('plays a whole session on the cluster, and the close leaves no key, index entry or timer of it on any node', async () => {
  expect(bot.redis.redis).toBeInstanceOf(Cluster);
  let keysWhileOpen: string[] = [];
  const { sessionId, written } = await playWholeSession(bot, MARK, async () => {
    keysWhileOpen = await scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}*`);
  });
  // While it ran: its own keys under its hash tag, its timers in their bucket, its channel index, the heartbeats.
  expect(keysWhileOpen.filter((key) => key.includes(`{session:${sessionId}}`)).length).toBeGreaterThanOrEqual(4);
  expect(keysWhileOpen.some((key) => key.includes('{timers-'))).toBe(true);

  const prefix = bot.redis.prefix;
  expect(await scanKeys(bot.redis.redis, `${globEscape(prefix)}*${globEscape(sessionId)}*`)).toEqual([]);
  expect((await timerMembers(bot.redis.redis, prefix)).filter((t) => t.startsWith(`${sessionId}|`))).toEqual([]);
  expect(await bot.store.listByChannel(CHANNEL)).not.toContain(sessionId);
  expect(await bot.store.pendingPurges()).toEqual([]);
  for (const text of written) expect(bot.logLines.filter((line) => line.includes(text))).toEqual([]);
  expect(bot.emulator.violations).toEqual([]);
}, 60_000);
