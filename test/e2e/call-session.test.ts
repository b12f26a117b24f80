/**
 * A Progress-focused session held live on a call, through Slack, as the
 * people in it see it: the group talks, the bot keeps the turns and the
 * phases. On their turn a person clicks Done (said it aloud), Done with a
 * note, or I pass; the presenter answers aloud ("Answered"); the tips were
 * spoken, so the presenter writes their picks in their own words; each turn
 * that begins is announced to its holder in the thread (not after a pass);
 * and the presenter's private copy holds what was noted.
 */
import { formats } from '../../src/engine';
import type { ChoicePhase, RoundsPhase } from '../../src/engine/formats/schema';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { boardOf, click, createSession, inThread, newestEphemeral, phaseOfKind, pickMenuOptions, promptOf, storedSession, textOf, turnNotes, turnOf, writeInModal } from './play';

const MARK = 'CONFIDENTIAL';
const format = formats.require('progress-focused');
const [questions, appreciation, tips] = format.phases.filter((p): p is RoundsPhase => p.kind === 'rounds') as [RoundsPhase, RoundsPhase, RoundsPhase];
const usefulness = phaseOfKind(format, 'choice') as ChoicePhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;

let bot: TestBot;
let sessionId = '';

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

/** How many turn notes each member has found in the thread so far. */
const notes = () => ({ carol: turnNotes(bot, carol).length, dave: turnNotes(bot, dave).length, erin: turnNotes(bot, erin).length });

it('is created "Live on a call", with the live timeboxes, and the card says how the group meets', async () => {
  sessionId = await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], facilitatorIsMember: false, onCall: true, title: 'On the call' });
  const session = await storedSession(bot, sessionId);
  expect(session.settings).toMatchObject({ mode: 'live', onCall: true });
  expect(session.settings.timeboxMinutes.presentation).toBe(5);
  expect(textOf(bot.card())).toContain('Live on a call: you talk, I keep the turns and the phases');
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await click(bot, PRESENTER, 'Done (case presenter)');
  expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
  // The card shows the phases at a glance, where the session stands marked.
  expect(textOf(bot.card())).toContain('✓ Presentation → *▶ Factual questions* → Appreciation → Tips → Usefulness → Evaluation → End');
});

it('factual questions: the holder is told in the thread; Done, Done with a note and I pass; out of turn is refused as in writing', async () => {
  expect(turnNotes(bot, carol)).toEqual([`It's your turn in *${questions.title}* (round 1).\nTell me by direct message instead`]);
  expect(notes()).toEqual({ carol: 1, dave: 0, erin: 0 });
  expect(textOf(promptOf(bot, questions))).toContain(`*It's <@${carol}>'s turn*: say it aloud, then “Done”, or “I pass”.`);
  await click(bot, dave, 'Done');
  expect(newestEphemeral(bot, dave)).toBe(`It's <@${carol}>'s turn.`);

  await click(bot, carol, 'Done');
  expect(textOf(boardOf(bot, questions))).toContain(`*Q1* · <@${carol}>: _said it aloud_`);
  expect(notes()).toEqual({ carol: 1, dave: 1, erin: 0 });
  await writeInModal(bot, dave, 'Done, with a note', { 'Your note (optional)': `${MARK} who decided?` });
  expect(textOf(boardOf(bot, questions))).toContain(`*Q2* · <@${dave}>: _said it aloud_ · note: ${MARK} who decided?`);
  await click(bot, erin, 'I pass');
  expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 2 });
});

it('the presenter answers aloud; only they can', async () => {
  await click(bot, carol, 'Answered Q1 (case presenter)');
  expect(newestEphemeral(bot, carol)).toBe(`Only the case presenter (<@${PRESENTER}>) answers the questions.`);
  await click(bot, PRESENTER, 'Answered Q1 (case presenter)');
  expect(textOf(boardOf(bot, questions))).toContain('↳ _Answered aloud_');
});

it('round 2: who asked is told again; Erin, who passed, is not told when the turn comes back to her', async () => {
  expect(notes()).toEqual({ carol: 2, dave: 1, erin: 1 });
  await click(bot, carol, 'I pass');
  expect(notes()).toEqual({ carol: 2, dave: 2, erin: 1 });
  await click(bot, dave, 'I pass');
  expect(turnOf(bot, questions)).toEqual({ holder: erin, round: 2 });
  expect(notes()).toEqual({ carol: 2, dave: 2, erin: 1 });
  await click(bot, erin, 'I pass');
  // The rounds are over; the phase waits for the last answer, as a written live session does.
  expect(textOf(promptOf(bot, questions))).not.toContain('Phase done');
  await click(bot, PRESENTER, 'Answered Q2 (case presenter)');
  expect(textOf(promptOf(bot, questions))).toContain('Phase done — 2 rounds, 2 questions, 2 answered.');
  expect(turnOf(bot, appreciation)).toEqual({ holder: carol, round: 1 });
});

it('appreciation and tips: said aloud, one tip noted; the facilitator moves on', async () => {
  await click(bot, carol, 'Done');
  await click(bot, FACILITATOR, 'Next phase (facilitator)');
  await writeInModal(bot, carol, 'Done, with a note', { 'Your note (optional)': `${MARK} silent writing first` });
  await click(bot, dave, 'Done');
  for (const user of [erin, carol, dave, erin]) await click(bot, user, 'I pass');
  expect(textOf(promptOf(bot, tips))).toContain('Phase done — 2 rounds, 2 tips.');
});

it('usefulness: the menu offers the noted tip only; the presenter names the spoken one in their own words', async () => {
  expect(pickMenuOptions(bot, usefulness)).toEqual([`T1 · ${MARK} silent writing first`]);
  await click(bot, carol, 'Write your picks (case presenter)');
  expect(newestEphemeral(bot, carol)).toBe(`Only the case presenter (<@${PRESENTER}>) picks here; nobody can pick for them.`);
  await bot.person(PRESENTER).selectOption(usefulness.pickLabel, [`T1 · ${MARK} silent writing first`], inThread(bot));
  await writeInModal(bot, PRESENTER, 'Write your picks (case presenter)', { 'The ones that helped most, in your words': `${MARK} Dave's rotation idea` });
  const shown = textOf(promptOf(bot, usefulness, erin));
  expect(shown).toContain(`<@${PRESENTER}> picked:`);
  expect(shown).toContain(`• *T1* · <@${carol}>: _said it aloud_ · note: ${MARK} silent writing first`);
  expect(shown).toContain(`*In their own words:* ${MARK} Dave's rotation idea`);
  expect((await storedSession(bot, sessionId)).picks.usefulness).toMatchObject({ items: ['i4'], named: `${MARK} Dave's rotation idea` });
});

it('the evaluation and the close: the presenter keeps a copy of what was noted, and nothing else remains', async () => {
  for (const [user, question] of [[PRESENTER, 'Was this process useful to you? What specifically?'], [carol, 'Was it useful to take part? What specifically?'], [dave, 'Was it useful to take part? What specifically?'], [erin, 'Was it useful to take part? What specifically?']] as const) {
    await writeInModal(bot, user, 'Evaluate', {}, { [question]: 'Yes' });
  }
  await click(bot, FACILITATOR, 'Close (facilitator)');
  const copy = bot.person(PRESENTER).read('dm');
  expect(copy).toContain(`${MARK} who decided?`);
  expect(copy).toContain(`${MARK} silent writing first`);
  expect(copy).toContain(`In your own words: ${MARK} Dave's rotation idea`);
  // What was only said aloud is counted, not shown, in the format's words: one question, one compliment and one tip.
  for (const one of ['1 question', '1 compliment', '1 tip']) expect(copy).toContain(`Said aloud and not noted: ${one}.`);
  expect(bot.emulator.channelMessages(CHANNEL).filter((m) => m.user === DEMO.bot)).toHaveLength(1);
  expect(bot.logLines.filter((line) => line.includes(MARK))).toEqual([]);
});
