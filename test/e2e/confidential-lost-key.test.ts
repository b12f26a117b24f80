/**
 * Issue 6, a key that is lost: the bot restarts with another
 * CONTENT_ENCRYPTION_KEY and can no longer read a session it stored. Clicks
 * on it get a plain answer (not "try again", which would not help) and
 * nothing crashes; its idle check, or a close decided before the key was
 * lost, still deletes every message recorded for it - from the `messages`
 * record, without its content - and leaves the card as a note without
 * details and no key in the store.
 */
import { randomBytes } from 'node:crypto';
import { UNREADABLE_TEXT } from '../../src/slack/listeners/support/deps';
import { sessionCodecFor } from '../../src/store/crypto-codec';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys } from '../support/redis';
import { DEMO } from '../support/slack';
import { click, createSession, inThread, newestEphemeral, textOf, writeInModal } from './play';

const { alice, bob, carol, dave, erin } = PEOPLE;
const DAY_MS = 24 * 60 * 60 * 1000;
const NOTE = /^An intervision session took place here on .*; its content was deleted when it closed\.$/;
const oldKey = randomBytes(32);
const newKey = randomBytes(32);

/** A session in its factual questions with a question written, on a bot with the old key; its id, card and phrase. */
async function sessionOnOldKey(bot: TestBot): Promise<{ id: string; cardTs: string; phrase: string }> {
  const id = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave], title: 'Lost key' });
  await click(bot, alice, 'Start (facilitator)');
  await click(bot, bob, 'Done (case presenter)');
  await click(bot, alice, 'I pass');
  const phrase = `lost-key phrase ${randomBytes(6).toString('hex')}`;
  await writeInModal(bot, carol, 'Ask a question', { 'Question': phrase });
  return { id, cardTs: bot.card()?.ts ?? '', phrase };
}

async function keysOf(bot: TestBot, id: string): Promise<string[]> {
  return scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}*${globEscape(id)}*`);
}

async function until(what: string, probe: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The thread has no bot message left but the card, and the card is the note without details. */
function expectOnlyTheNote(bot: TestBot, cardTs: string): void {
  expect(bot.emulator.thread(CHANNEL, cardTs).filter((m) => m.user === DEMO.bot && m.ts !== cardTs)).toEqual([]);
  expect(textOf(bot.card()).split('\n').filter(Boolean).at(-1)).toMatch(NOTE);
  expect(bot.card()?.blocks.map((b) => b.block_id)).toEqual(['close-note']);
}

describe('a session stored with a key the bot no longer has', () => {
  let first: TestBot;
  let second: TestBot;
  let session = { id: '', cardTs: '', phrase: '' };

  beforeAll(async () => {
    first = await startTestBot({ name: __filename, codec: sessionCodecFor({ key: oldKey }) });
    session = await sessionOnOldKey(first);
    await first.stop({ keepBench: true, keepRedis: true });
    second = await startTestBot({ name: __filename, bench: first.bench, redis: first.redis, clock: first.clock, codec: sessionCodecFor({ key: newKey }), sweepIntervalMs: 50 });
  });

  afterAll(async () => {
    await second?.stop();
  });

  it('answers every click on it plainly, in place, and keeps running', async () => {
    await click(second, dave, 'I pass');
    expect(newestEphemeral(second, dave)).toBe(UNREADABLE_TEXT);
    await click(second, dave, 'Ask a question');
    expect(newestEphemeral(second, dave)).toBe(UNREADABLE_TEXT);
    expect(second.emulator.openViews(dave)).toEqual([]);
    await click(second, alice, 'Close (facilitator)');
    expect(newestEphemeral(second, alice)).toBe(UNREADABLE_TEXT);
    // Erin has no part in it; after the start the card offers her no Join, but she can still click what it shows.
    await second.person(erin).click('Leave', { channel: CHANNEL, ts: session.cardTs });
    await second.settle();
    expect(newestEphemeral(second, erin)).toBe(UNREADABLE_TEXT);
    // The channel's list leaves it out instead of failing altogether.
    await second.person(erin).command('/intervision', 'list', CHANNEL);
    await second.settle();
    expect(newestEphemeral(second, erin)).not.toBe('Sorry, something went wrong on my side. Please try again in a moment.');

    expect(await keysOf(second, session.id)).not.toEqual([]);
    expect(second.logLines.filter((line) => line.includes('a stored session cannot be read')).length).toBeGreaterThanOrEqual(4);
    expect(second.emulator.violations).toEqual([]);
  });

  it('its idle check closes it: every recorded message is deleted, the card becomes the note, no key is left', async () => {
    const recorded = Object.keys(await second.store.messages(session.id)).filter((key) => key !== 'card');
    expect(recorded.length).toBeGreaterThanOrEqual(3);
    second.clock.advance((second.idleDays + 1) * DAY_MS);
    await until('the idle check purged the session', async () => (await keysOf(second, session.id)).length === 0);
    await second.settle();

    expectOnlyTheNote(second, session.cardTs);
    expect(await second.store.pendingPurges()).toEqual([]);
    // Without its content there is no copy to send; and nothing anyone wrote was logged by either process.
    expect(second.person(bob).read('dm')).not.toContain(session.phrase);
    expect([...first.logLines, ...second.logLines].filter((line) => line.includes(session.phrase))).toEqual([]);
  });
});

describe('a close decided just before the key was lost', () => {
  it('is carried out by the next bot from the outbox, without reading the content', async () => {
    const first = await startTestBot({ name: `${__filename}-closing`, codec: sessionCodecFor({ key: oldKey }) });
    const session = await sessionOnOldKey(first);
    // Slack fails the presenter's copy, so the purge stops before the content is dropped; the close waits in the outbox.
    first.emulator.failNext('conversations.open', { status: 500 }, 1000);
    await first.person(alice).click('Close (facilitator)', inThread(first));
    await first.running.inFlight.idle();
    expect((await first.store.outbox(session.id)).some((entry) => entry.effect.type === 'purge')).toBe(true);
    await first.stop({ keepBench: true, keepRedis: true });
    while (first.emulator.call('conversations.open', { users: bob }).ok !== true);

    const second = await startTestBot({ name: `${__filename}-closing`, bench: first.bench, redis: first.redis, clock: first.clock, codec: sessionCodecFor({ key: newKey }), sweepIntervalMs: 50 });
    try {
      await until('the sweep purged the session', async () => (await keysOf(second, session.id)).length === 0);
      await second.settle();
      expectOnlyTheNote(second, session.cardTs);
      expect(second.emulator.violations).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
