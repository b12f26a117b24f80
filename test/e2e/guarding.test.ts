/**
 * The facilitator guards the rules, as people see it in Slack (seed 001: the
 * process facilitator "explains and guards the rules" and "may need to ask
 * some clarification questions"): a question that suggests its answer is
 * hidden, with a private, kind note to its author; a compliment is clarified
 * by its author, once, when the facilitator asks. Nobody else can do either.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import type { Json, SeenItem } from '../../dev/emulator';
import { ACTIONS } from '../../src/slack/ids';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { openModal, submitForged } from './forge';
import { boardOf, click, createSession, giveInput, inThread, newestEphemeral, storedSession, textOf, writeInModal } from './play';

const MARK = 'CONFIDENTIAL';
const format = formats.require('progress-focused');
const questions = format.phases.find((p) => p.id === 'factual-questions') as RoundsPhase;
const appreciation = format.phases.find((p) => p.id === 'appreciation') as RoundsPhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;

let bot: TestBot;
let sessionId = '';

/** The section text beside an input's overflow on its board: how a person names that menu. */
function menuOf(phase: RoundsPhase, inputId: string): { name: string; item: SeenItem; block: Json } {
  const item = boardOf(bot, phase);
  const block = item?.blocks.find((b) => b.block_id === `input-${inputId}`);
  if (!item || !block) throw new Error(`no ${inputId} on the ${phase.title} board`);
  return { name: (block.text as { text: string }).text, item, block };
}

/** What a person's newest direct message says. */
function newestDm(user: string): string {
  return textOf(bot.person(user).dms().at(-1));
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  sessionId = await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], facilitatorIsMember: false });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await click(bot, PRESENTER, 'Done (case presenter)');
  await giveInput(bot, carol, questions, `${MARK} Why not just let him go?`);
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('hiding a question that suggests its answer', () => {
  let staleHide: { item: SeenItem; block: Json; value: string } | undefined;

  it('a member choosing Hide is told kindly that only the facilitator can; no form opens, nothing changes', async () => {
    const menu = menuOf(questions, 'i1');
    const options = (menu.block.accessory as { options: Array<{ text: { text: string }; value: string }> }).options;
    staleHide = { item: menu.item, block: menu.block, value: options.find((o) => o.text.text === 'Hide (facilitator)')?.value ?? '' };
    await bot.person(dave).selectOption(menu.name, 'Hide (facilitator)', inThread(bot));
    await bot.settle();
    expect(newestEphemeral(bot, dave)).toBe(`Only the facilitator (<@${FACILITATOR}>) can hide what someone wrote.`);
    expect(bot.emulator.openViews(dave)).toEqual([]);
    expect((await storedSession(bot, sessionId)).inputs[0]?.hidden).toBeUndefined();
  });

  it('the facilitator chooses a reason in a form: the question leaves the board, and waits for no answer', async () => {
    await bot.person(FACILITATOR).selectOption(menuOf(questions, 'i1').name, 'Hide (facilitator)', inThread(bot));
    await bot.settle();
    const modal = bot.person(FACILITATOR).modal();
    expect(modal.title).toBe('Hide Q1?');
    expect(modal.text()).toContain('Why not just let him go?');
    expect((await modal.submit()).errors).toEqual({ Why: 'Please choose why it leaves the board.' });
    await modal.select('Why', 'A suggestive question');
    // The same form, sent by a member or by the author: refused on its field, and nothing changes.
    for (const user of [dave, carol]) {
      expect(await submitForged(bot, user, openModal(bot, FACILITATOR))).toEqual({ reason: `Only the facilitator (<@${FACILITATOR}>) can hide what someone wrote.` });
    }
    expect((await storedSession(bot, sessionId)).inputs[0]?.hidden).toBeUndefined();
    expect(bot.person(carol).read('dm')).not.toContain('off the board');
    expect((await modal.submit()).errors).toBeUndefined();
    await bot.settle();
    const board = textOf(boardOf(bot, questions));
    expect(board).not.toContain('let him go');
    expect(board).toContain('*Round 1* · 0 questions');
    expect(bot.person(PRESENTER).read(inThread(bot))).not.toContain('Answer Q1');
    expect((await storedSession(bot, sessionId)).inputs[0]?.hidden?.reason).toBe('suggestive');
  });

  it('its author, and only its author, gets a private, kind note with the reason, and nothing of what they wrote', async () => {
    const note = newestDm(carol);
    expect(note).toContain(`The facilitator (<@${FACILITATOR}>) took *Q1*, which you wrote in *Factual questions* of “Peer group”, off the board.`);
    expect(note).toContain(format.hideReasons.find((r) => r.id === 'suggestive')?.note);
    expect(note).not.toContain(MARK);
    for (const user of [PRESENTER, dave, erin, FACILITATOR]) expect(bot.person(user).read('dm')).not.toContain('off the board');
  });

  it('a second Hide from a menu drawn before is told it is done, and sends no second note', async () => {
    const notes = bot.person(carol).dms().length;
    if (!staleHide) throw new Error('no menu kept');
    await bot.driver.blockAction({
      user: FACILITATOR,
      source: staleHide.item.source,
      action: { type: 'overflow', action_id: ACTIONS.inputMenu, block_id: staleHide.block.block_id, selected_option: { value: staleHide.value } },
    });
    await bot.settle();
    expect(newestEphemeral(bot, FACILITATOR)).toBe('The question is already off the board.');
    expect(bot.emulator.openViews(FACILITATOR)).toEqual([]);
    expect(bot.person(carol).dms()).toHaveLength(notes);
  });

  it('the round goes on: the next question is asked and answered as usual', async () => {
    await giveInput(bot, dave, questions, `${MARK} How long has it been like this?`);
    await writeInModal(bot, PRESENTER, 'Answer Q2 (case presenter)', { 'Your answer': `${MARK} Since March.` });
    await click(bot, erin, 'I pass');
    for (const user of [carol, dave, erin]) await click(bot, user, 'I pass');
    expect(textOf(boardOf(bot, questions))).toContain('*Q2* · <@U0DAVE>');
    expect((await storedSession(bot, sessionId)).current?.id).toBe('appreciation');
  });
});

describe('asking the author of a compliment to clarify', () => {
  it('the facilitator asks: the board says so, and the author gets a private note with the form\'s button', async () => {
    await giveInput(bot, carol, appreciation, `${MARK} I like how you did it.`);
    await bot.person(FACILITATOR).selectOption(menuOf(appreciation, 'i3').name, 'Ask to clarify (facilitator)', inThread(bot));
    await bot.settle();
    expect(newestEphemeral(bot, FACILITATOR)).toBe(`I asked <@${carol}>, privately, to clarify *C1*. Their clarification will show under it.`);
    expect(textOf(boardOf(bot, appreciation))).toContain(`↳ _The facilitator asked <@${carol}> to clarify._`);
    const note = newestDm(carol);
    expect(note).toContain(`The facilitator (<@${FACILITATOR}>) asks you to clarify *C1*, which you wrote in *Appreciation*`);
    expect(note).not.toContain(MARK);
    expect(bot.person(carol).findButton('Clarify C1', 'dm')).toBeDefined();
  });

  it('asking again is told it is done; someone else clicking Clarify is told only the author can', async () => {
    await bot.person(FACILITATOR).selectOption(menuOf(appreciation, 'i3').name, 'Ask to clarify (facilitator)', inThread(bot));
    await bot.settle();
    expect(newestEphemeral(bot, FACILITATOR)).toBe('You have already asked for a clarification of the compliment.');
    await click(bot, dave, 'Clarify C1');
    expect(newestEphemeral(bot, dave)).toBe('Only the one who wrote it can clarify it.');
    expect(bot.emulator.openViews(dave)).toEqual([]);
  });

  it('the author clarifies once, from the note: it shows under the compliment; a second time is refused kindly', async () => {
    await bot.person(carol).click('Clarify C1', 'dm');
    await bot.settle();
    const modal = bot.person(carol).modal();
    expect(modal.title).toBe('Add a clarification');
    expect(modal.text()).toContain('I like how you did it.');
    await modal.fill('Your clarification', `${MARK} That you asked the team first.`);
    expect((await modal.submit()).errors).toBeUndefined();
    await bot.settle();
    expect(textOf(boardOf(bot, appreciation))).toContain(`I like how you did it.\n↳ *Clarification:* ${MARK} That you asked the team first.`);
    expect(bot.person(carol).read(inThread(bot))).not.toContain('Clarify C1');
    await bot.person(carol).click('Clarify C1', 'dm');
    await bot.settle();
    expect(newestEphemeral(bot, carol)).toBe('You have already added your clarification.');
  });
});

describe('at the close', () => {
  it('the case presenter\'s copy holds the clarification and not the hidden question; nothing written reached the log', async () => {
    // Tips (none given, so nothing to pick from: usefulness passes by itself), evaluation, end.
    for (let i = 0; i < 3; i += 1) await click(bot, FACILITATOR, 'Next phase (facilitator)');
    expect((await storedSession(bot, sessionId)).status).toBe('ended');
    await click(bot, FACILITATOR, 'Close (facilitator)');
    const copy = bot.person(PRESENTER).read('dm');
    expect(copy).toContain(`↳ *Clarification:* ${MARK} That you asked the team first.`);
    expect(copy).toContain('How long has it been like this?');
    expect(copy).not.toContain('let him go');
    expect(bot.logLines.filter((line) => line.includes(MARK))).toEqual([]);
  });
});
