import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { click, createSession, phaseOfKind, turnOf } from './play';

/**
 * A live session spends Slack's chat.update budget (about 50 a minute per
 * workspace) only on what changed: a turn in a round redraws the step, never
 * the card, and nothing is updated to what it already shows.
 */

const FACILITATOR = PEOPLE.alice;
const PRESENTER = PEOPLE.bob;
const MEMBERS = [PEOPLE.carol, PEOPLE.dave, PEOPLE.erin];

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});
afterAll(() => bot.stop());

/** chat.update calls Slack accepted, by the message they changed. */
function updatesByMessage(since: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of bot.emulator.calls('chat.update').slice(since)) {
    if (!call.ok) continue;
    const ts = String(call.args.ts);
    counts.set(ts, (counts.get(ts) ?? 0) + 1);
  }
  return counts;
}

it('a turn in a live round updates one message, the step: never the card, and nothing to what it already shows', async () => {
  await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: MEMBERS, facilitatorIsMember: false });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await bot.settle();
  const rounds: RoundsPhase = phaseOfKind(formats.require('progress-focused'), 'rounds');
  // Move on to the first rounds step (past the presenter's statement).
  while (!turnOf(bot, rounds)) {
    await click(bot, FACILITATOR, 'Next phase (facilitator)');
    await bot.settle();
  }
  const cardTs = bot.card()?.ts;
  expect(cardTs).toBeDefined();
  // Fewer passes than members, so the round (which the card shows) does not change.
  const passes = MEMBERS.length - 1;
  const before = bot.emulator.calls('chat.update').length;
  for (let n = 0; n < passes; n += 1) {
    const turn = turnOf(bot, rounds);
    if (!turn) throw new Error('the round ended early');
    await click(bot, turn.holder, 'I pass');
    await bot.settle();
  }
  const updates = updatesByMessage(before);
  expect(updates.get(String(cardTs))).toBeUndefined();
  // Each pass redraws the step, its prompt and its board in one message, and nothing else in the channel.
  const total = [...updates.values()].reduce((a, b) => a + b, 0);
  expect(total).toBe(passes);
  expect(updates.size).toBe(1);
  expect(bot.emulator.calls('chat.update').slice(before).every((c) => c.args.channel === CHANNEL)).toBe(true);
});
