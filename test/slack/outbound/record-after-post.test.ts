/**
 * A message Slack has posted is recorded even when Redis is away at that
 * moment: the record is tried again rather than given up, so the effect is
 * not run a second time (which would post the step twice and leave a
 * message close does not know of). Found by the chaos test (docs/testing.md).
 */
import { StoreUnavailableError } from '../../../src/store/errors';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { click, createSession } from '../../e2e/play';

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

it('records a posted step after Redis failed the first tries, and posts it once', async () => {
  const { alice, bob, carol, dave } = PEOPLE;
  const id = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave] });
  const record = bot.store.recordMessage.bind(bot.store);
  let failed = 0;
  // Redis is away for the first two records of a step: as while it restarts, right after Slack answered.
  bot.store.recordMessage = async (sessionId, key, ref) => {
    if (key.startsWith('phase:') && failed < 2) {
      failed += 1;
      throw new StoreUnavailableError();
    }
    return record(sessionId, key, ref);
  };
  try {
    await click(bot, alice, 'Start (facilitator)');
    await bot.settle();
  } finally {
    bot.store.recordMessage = record;
  }
  expect(failed).toBe(2);
  const card = bot.card();
  if (!card) throw new Error('no card');
  const steps = bot.emulator.ws.allMessages(CHANNEL).filter((m) => m.thread_ts === card.ts && m.ts !== card.ts && JSON.stringify(m.blocks ?? []).includes('Presentation'));
  expect(steps).toHaveLength(1);
  expect(Object.keys(await bot.store.messages(id)).filter((key) => key.startsWith('phase:'))).toHaveLength(1);
});

it('finds a step Slack posted whose record was lost for good, instead of posting it again', async () => {
  const sweeping = await startTestBot({ name: `${__filename}-lost`, sweepIntervalMs: 200 });
  try {
    const { alice, bob, carol, dave } = PEOPLE;
    const id = await createSession(sweeping, { facilitator: alice, presenter: bob, members: [carol, dave] });
    const record = sweeping.store.recordMessage.bind(sweeping.store);
    let lost = 0;
    // The step's record never reaches the store, as when the process dies right after Slack answered.
    sweeping.store.recordMessage = async (sessionId, key, ref) => {
      if (key.startsWith('phase:') && lost === 0) {
        lost += 1;
        throw new Error('the process died here');
      }
      return record(sessionId, key, ref);
    };
    try {
      await click(sweeping, alice, 'Start (facilitator)');
      const until = Date.now() + 15_000;
      while ((await sweeping.store.pendingSessions()).length > 0 || lost === 0) {
        if (Date.now() > until) throw new Error('the step was not delivered');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await sweeping.settle();
    } finally {
      sweeping.store.recordMessage = record;
    }
    expect(lost).toBe(1);
    const card = sweeping.card();
    if (!card) throw new Error('no card');
    const steps = sweeping.emulator.ws.allMessages(CHANNEL).filter((m) => m.thread_ts === card.ts && m.ts !== card.ts && JSON.stringify(m.blocks ?? []).includes('Presentation'));
    expect(steps).toHaveLength(1);
    const recorded = await sweeping.store.messages(id);
    const stepKey = Object.keys(recorded).find((key) => key.startsWith('phase:'));
    expect(stepKey && recorded[stepKey]?.ts).toBe(steps[0]?.ts);
    // Found through its mark in Slack: one look-up, and the mark says nothing of the session.
    expect(sweeping.emulator.calls('conversations.replies').some((c) => String(c.args.include_all_metadata) === 'true')).toBe(true);
    expect(Object.keys(steps[0]?.metadata && typeof steps[0].metadata === 'object' ? (steps[0].metadata as { event_payload: object }).event_payload : {})).toEqual(['mark']);
  } finally {
    await sweeping.stop();
  }
});

it("sends the presenter's copy once when the close is run again, and keeps it after close", async () => {
  const sweeping = await startTestBot({ name: `${__filename}-copy`, sweepIntervalMs: 200 });
  try {
    const { alice, bob, carol, dave } = PEOPLE;
    await createSession(sweeping, { facilitator: alice, presenter: bob, members: [carol, dave] });
    await click(sweeping, alice, 'Start (facilitator)');
    const beginPurge = sweeping.store.beginPurge.bind(sweeping.store);
    let failed = 0;
    // Redis fails the close's first step after the copy went out: the whole close runs again.
    sweeping.store.beginPurge = async (record) => {
      if (failed === 0) {
        failed += 1;
        throw new StoreUnavailableError();
      }
      return beginPurge(record);
    };
    try {
      await click(sweeping, alice, 'Close (facilitator)');
      const until = Date.now() + 15_000;
      while ((await sweeping.store.pendingSessions()).length > 0 || failed === 0) {
        if (Date.now() > until) throw new Error('the close did not finish');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await sweeping.settle();
    } finally {
      sweeping.store.beginPurge = beginPurge;
    }
    expect(failed).toBe(1);
    // Each page posted once (the close ran twice), and still there after close.
    const posted = sweeping.emulator.calls('chat.postMessage').filter((c) => c.ok && String(c.args.text).startsWith('Your private copy'));
    expect(posted).toHaveLength(1);
    expect(sweeping.person(bob).dms().filter((item) => item.text.startsWith('Your private copy'))).toHaveLength(1);
  } finally {
    await sweeping.stop();
  }
});
