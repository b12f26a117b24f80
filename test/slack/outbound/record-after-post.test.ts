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
