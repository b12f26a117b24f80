/**
 * A session stored in Redis by the previous version, before Agile-Intervision
 * gained its focused questions and before sessions had a language, still
 * loads and runs: the bot finds its phase by the id it stored, not by the
 * position the new phase shifted, draws it as it is (in English, the only
 * language it knew), and finishes it. (test/engine/compat.test.ts holds the rule.)
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import type { Session } from '../../src/engine/session';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { boardOf, click, createSession, promptOf, storedSession, textOf, turnOf, writeInModal } from './play';

const format = formats.require('agile-intervision');
const closing = format.phases.find((p) => p.id === 'closing-round') as RoundsPhase;
/** Agile-Intervision's phases as the previous version ran them. */
const BEFORE = ['check-in', 'case-story', 'observations', 'resonance', 'closing-round', 'end'];
const { alice: FACILITATOR, bob: PRESENTER, carol, dave } = PEOPLE;

let bot: TestBot;
let sessionId = '';

/** Writes the session into Redis as the previous version stored it: plain JSON, its phase at the position it had then, no language. */
async function storeAsBefore(session: Session): Promise<void> {
  const { language: _none, ...settings } = session.settings;
  const old: Session = { ...session, settings, phaseIndex: BEFORE.indexOf(session.current?.id ?? '') };
  await bot.redis.redis.hset(`${bot.redis.prefix}{session:${session.id}}:state`, 'data', JSON.stringify(old));
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  sessionId = await createSession(bot, { format: format.name, facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave], facilitatorIsMember: false });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  // Case story told aloud, no observations, so nothing resonates and the focused questions are skipped by the facilitator.
  await click(bot, PRESENTER, 'Done (case giver)');
  await click(bot, FACILITATOR, 'Next phase (facilitator)');
  await click(bot, FACILITATOR, 'Next phase (facilitator)');
  expect((await storedSession(bot, sessionId)).current?.id).toBe('closing-round');
  await storeAsBefore(await storedSession(bot, sessionId));
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('is stored at the position its phase had before: now the focused questions', async () => {
  const raw = await bot.redis.redis.hget(`${bot.redis.prefix}{session:${sessionId}}:state`, 'data');
  const stored = JSON.parse(raw ?? '{}') as Session;
  expect(stored.phaseIndex).toBe(4);
  expect(stored.settings.language).toBeUndefined();
  expect(format.phases[4]?.id).toBe('focused-questions');
  expect(stored.current?.id).toBe('closing-round');
});

it('loads and is drawn where it stands: the closing round is current, whose turn it is, in the format\'s words', async () => {
  await bot.services.redraw(sessionId);
  await bot.settle();
  expect(turnOf(bot, closing)).toEqual({ holder: PRESENTER, round: 1 });
  expect(textOf(promptOf(bot, closing))).toContain('Phase 6 of 7');
  expect(textOf(bot.card())).toContain('Phase 6 of 7: Closing round');
});

it('goes on from there: everyone takes their turn, the facilitator last, and the session ends, without the step it never had', async () => {
  await writeInModal(bot, PRESENTER, closing.input.label, { 'Take-away': 'Say what I want, early.' });
  expect((await storedSession(bot, sessionId)).phaseIndex).toBe(5);
  for (const user of [carol, dave, FACILITATOR]) await click(bot, user, 'I pass');
  expect(textOf(boardOf(bot, closing))).toContain('Say what I want, early.');
  const session = await storedSession(bot, sessionId);
  expect(session.status).toBe('ended');
  expect(session.inputs.filter((i) => i.phaseId === 'focused-questions')).toEqual([]);
  await click(bot, FACILITATOR, 'Close (facilitator)');
  expect(await bot.store.load(sessionId)).toBeNull();
});
