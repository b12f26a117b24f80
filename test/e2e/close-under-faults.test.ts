/**
 * Closing survives Slack's rate limits and a restart halfway: every message
 * the session posted is deleted in the end, the card becomes the
 * content-free note, and the store keeps nothing of the session.
 */
import { INTENT_PREFIX } from '../../src/slack/outbound/earlier-post';
import type { ChangeEvent } from '../../dev/emulator';
import { PEOPLE, CHANNEL, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys } from '../support/redis';
import { DEMO } from '../support/slack';
import { click, createSession, textOf } from './play';

const FACILITATOR = PEOPLE.alice;
const ROLES = { facilitator: FACILITATOR, presenter: PEOPLE.bob, members: [PEOPLE.carol, PEOPLE.dave] };
const NOTE = /An intervision session \(Progress-focused intervision, 4 people\) took place here on .*; its content was deleted when it closed\./;

/** A started session moved on through three phases, so its thread holds several prompts and boards. */
async function sessionWithThread(bot: TestBot): Promise<string> {
  const id = await createSession(bot, ROLES);
  await click(bot, FACILITATOR, 'Start (facilitator)');
  for (let i = 0; i < 3; i += 1) await click(bot, FACILITATOR, 'Next phase (facilitator)');
  return id;
}

function botReplies(bot: TestBot, cardTs: string): number {
  return bot.emulator.thread(CHANNEL, cardTs).filter((m) => m.user === DEMO.bot && m.ts !== cardTs).length;
}

async function keysOf(bot: TestBot, sessionId: string): Promise<string[]> {
  return scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}*${globEscape(sessionId)}*`);
}

describe('closing a session when Slack pushes back', () => {
  const bots: TestBot[] = [];

  afterEach(async () => {
    for (const bot of bots) expect(bot.emulator.violations).toEqual([]);
    const [last] = bots.splice(0).reverse();
    await last?.stop();
  });

  it('waits out 429s with Retry-After on chat.delete and still deletes everything', async () => {
    const bot = await startTestBot({ name: __filename });
    bots.push(bot);
    const id = await sessionWithThread(bot);
    const cardTs = bot.card()?.ts ?? '';
    expect(botReplies(bot, cardTs)).toBeGreaterThanOrEqual(4);

    bot.emulator.failNext('chat.delete', { status: 429, retryAfter: 1 }, 2);
    await click(bot, FACILITATOR, 'Close (facilitator)');

    const limited = bot.emulator.calls('chat.delete').filter((call) => call.status === 429);
    expect(limited).toHaveLength(2);
    expect(botReplies(bot, cardTs)).toBe(0);
    expect(textOf(bot.card())).toMatch(NOTE);
    expect(await keysOf(bot, id)).toEqual([]);
  });

  it('resumes a purge after a restart halfway, on the same Redis, and leaves nothing', async () => {
    const first = await startTestBot({ name: __filename });
    bots.push(first);
    const id = await sessionWithThread(first);
    const cardTs = first.card()?.ts ?? '';
    const refs = Object.entries(await first.store.messages(id))
      .filter(([key]) => key !== 'card' && !key.startsWith(INTENT_PREFIX))
      .map(([, ref]) => ref);
    // What the session posted in its thread, and the invitations it sent bob, carol and dave by DM.
    const posted = refs.filter((ref) => ref.channel === CHANNEL).length;
    const invitations = refs.filter((ref) => ref.channel !== CHANNEL);
    expect(posted).toBeGreaterThanOrEqual(4);
    expect(invitations).toHaveLength(3);
    const stillThere = (ref: { channel: string; ts: string }): boolean => first.emulator.ws.findMessage(ref.channel, ref.ts) !== undefined;
    expect(invitations.every(stillThere)).toBe(true);

    // The first delete in the thread goes through; then Slack fails every delete this process tries
    // (what is left of its list, DMs it has not reached included, then its sweep of the thread).
    const { emulator } = first;
    const failRest = (change: ChangeEvent): void => {
      const deleted = change.kind === 'message' && change.channel === CHANNEL && change.ts !== undefined && !emulator.ws.findMessage(CHANNEL, change.ts);
      if (!deleted) return;
      emulator.off('change', failRest);
      emulator.failNext('chat.delete', { error: 'internal_error' }, refs.filter(stillThere).length + (posted - 1));
    };
    emulator.on('change', failRest);
    await click(first, FACILITATOR, 'Close (facilitator)');

    // Halfway: the content is gone from the store, the purge record is kept, and the thread still holds messages.
    expect(await first.store.load(id)).toBeNull();
    expect((await first.store.pendingPurges()).map((p) => p.sessionId)).toEqual([id]);
    expect(botReplies(first, cardTs)).toBe(posted - 1);

    await first.stop({ keepBench: true, keepRedis: true });
    const second = await startTestBot({ name: __filename, bench: first.bench, redis: first.redis, clock: first.clock });
    bots.push(second);
    await second.settle();

    expect(botReplies(second, cardTs)).toBe(0);
    expect(invitations.filter(stillThere)).toEqual([]);
    expect(textOf(second.card())).toMatch(NOTE);
    expect(await second.store.pendingPurges()).toEqual([]);
    expect(await keysOf(second, id)).toEqual([]);
  });
});
