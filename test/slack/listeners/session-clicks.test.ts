/**
 * Clicks and modal submissions that cannot go through, as the person sees
 * them: someone outside the session, a click out of turn, a button drawn
 * before the session moved on, a modal sent too late, someone else's input,
 * a closed session, a Join once the session has started. Each gets a short
 * private answer, and nothing changes.
 */
import type { Person } from '../../../dev/emulator';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { boardOf, click, createSession, inThread, newestEphemeral, promptOf, textOf, turnOf, writeInModal } from '../../e2e/play';
import { formats } from '../../../src/engine';
import type { RoundsPhase } from '../../../src/engine/formats/schema';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;

const FACILITATOR = PEOPLE.alice;
const PRESENTER = PEOPLE.bob;
const { carol, dave, erin, frank, grace } = PEOPLE;

let bot: TestBot;
let sessionId = '';
/** The card's Join button as it was drawn before the start. */
let joinBeforeStart: ReturnType<Person['findButton']>;

/** What someone outside a session hears once it has started: its circle is closed. */
const OUTSIDE = `This session is for its participants, and it has started: nobody new can join. Ask the facilitator (<@${FACILITATOR}>) if you think you should be in it.`;

async function seq(): Promise<number> {
  return (await bot.store.load(sessionId))?.seq ?? -1;
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  // The facilitator only guides here, so the rounds are carol, dave, erin, frank.
  sessionId = await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin, frank], facilitatorIsMember: false, title: 'Clicks' });
  joinBeforeStart = bot.person(grace).findButton('Join', { channel: CHANNEL, ts: bot.card()?.ts ?? '' });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await click(bot, PRESENTER, 'Done (case presenter)');
  expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('someone outside the session', () => {
  it('clicking "I pass" is told the session is for its participants, and nothing moves', async () => {
    const before = await seq();
    await click(bot, grace, 'I pass');
    expect(newestEphemeral(bot, grace)).toBe(OUTSIDE);
    expect(await seq()).toBe(before);
  });

  it('clicking "Ask a question" gets the same answer and no modal', async () => {
    await click(bot, grace, questions.input.label);
    expect(newestEphemeral(bot, grace)).toBe(OUTSIDE);
    expect(bot.emulator.openViews(grace)).toEqual([]);
  });

  it('clicking Leave is told the same', async () => {
    await bot.person(grace).click('Leave');
    await bot.settle();
    expect(newestEphemeral(bot, grace)).toBe(OUTSIDE);
  });

  it('finds no Join on the card once it has started, and a Join drawn before the start lets nobody in', async () => {
    expect(() => bot.person(grace).findButton('Join', { channel: CHANNEL, ts: bot.card()?.ts ?? '' })).toThrow();
    const before = await seq();
    const el = joinBeforeStart.control.element;
    await bot.driver.blockAction({ user: grace, source: joinBeforeStart.item.source, action: { type: 'button', action_id: el.action_id, block_id: joinBeforeStart.control.block.block_id, value: el.value } });
    await bot.settle();
    expect(newestEphemeral(bot, grace)).toBe(`This session has started, so nobody new can join. Ask the facilitator (<@${FACILITATOR}>) if you think you should be in it.`);
    expect(bot.emulator.openViews(grace)).toEqual([]);
    expect(await seq()).toBe(before);
    expect((await bot.store.load(sessionId))?.members).not.toContain(grace);
  });
});

describe('a member out of turn', () => {
  it('clicking "Ask a question" hears whose turn it is, and no modal opens', async () => {
    await click(bot, dave, questions.input.label);
    expect(newestEphemeral(bot, dave)).toBe(`It's <@${carol}>'s turn.`);
    expect(bot.emulator.openViews(dave)).toEqual([]);
  });

  it('the presenter clicking "Ask a question" hears that they listen in this phase', async () => {
    await click(bot, PRESENTER, questions.input.label);
    expect(newestEphemeral(bot, PRESENTER)).toBe('As the case presenter you listen in this phase; the team members give the questions.');
  });
});

describe('the turn moves on while a modal is open', () => {
  it('shows the refusal in the modal, on the text, and keeps what was written there', async () => {
    await click(bot, carol, questions.input.label);
    const modal = bot.person(carol).modal();
    await modal.fill('Question', 'What did you try first?');
    await click(bot, FACILITATOR, 'Skip turn (facilitator)');
    expect(turnOf(bot, questions)?.holder).toBe(dave);

    const { errors } = await modal.submit();
    expect(errors).toEqual({ 'Question': 'You have had your turn in this round.' });
    expect(bot.emulator.openViews(carol)).toHaveLength(1);
    await modal.close();
    expect(textOf(boardOf(bot, questions))).toContain(`Skipped: <@${carol}>`);
  });

  it('a facilitator button drawn before the turn moved is stale', async () => {
    const old = bot.person(FACILITATOR).findButton('Skip turn (facilitator)', inThread(bot));
    await click(bot, dave, 'I pass');
    const el = old.control.element;
    await bot.driver.blockAction({ user: FACILITATOR, source: old.item.source, action: { type: 'button', action_id: el.action_id, block_id: old.control.block.block_id, value: el.value } });
    await bot.settle();
    expect(newestEphemeral(bot, FACILITATOR)).toBe('This step has moved on.');
    expect(turnOf(bot, questions)?.holder).toBe(erin);
  });

  it('more time asked for in a modal while the session moved on is refused in the modal; asked again, it is given', async () => {
    await click(bot, FACILITATOR, 'More time (facilitator)');
    const modal = bot.person(FACILITATOR).modal();
    await modal.fill('Minutes to add', '10');
    const deadline = (await bot.store.load(sessionId))?.current?.deadline ?? 0;
    await writeInModal(bot, erin, questions.input.label, { 'Question': 'Who else was there?' });
    expect((await modal.submit()).errors).toEqual({ 'Minutes to add': 'This step has moved on.' });
    await modal.close();

    await writeInModal(bot, FACILITATOR, 'More time (facilitator)', { 'Minutes to add': '10' });
    expect((await bot.store.load(sessionId))?.current?.deadline).toBe(deadline + 10 * 60 * 1000);
  });
});

describe("an input's Edit and Withdraw", () => {
  /** The overflow menu beside erin's question on the board (named by the section text beside it). */
  function menuOfQuestion(): string {
    const board = boardOf(bot, questions);
    const section = board?.blocks.find((b) => b.block_id === 'input-i1');
    return (section?.text as { text: string } | undefined)?.text ?? '';
  }

  it('only the author may use them', async () => {
    await bot.person(frank).selectOption(menuOfQuestion(), 'Edit (yours only)', inThread(bot));
    await bot.settle();
    expect(newestEphemeral(bot, frank)).toBe('Only its author can change or withdraw an input.');
    expect(bot.emulator.openViews(frank)).toEqual([]);
  });

  it('the author edits in a modal that starts with their own words', async () => {
    await bot.person(erin).selectOption(menuOfQuestion(), 'Edit (yours only)', inThread(bot));
    await bot.settle();
    const modal = bot.person(erin).modal();
    expect(modal.title).toBe('Edit: question');
    expect(JSON.stringify(modal.view.blocks)).toContain('Who else was there?');
    await modal.fill('Question', 'Who else was in the room?');
    expect((await modal.submit()).errors).toBeUndefined();
    await bot.settle();
    expect(textOf(boardOf(bot, questions))).toContain('Who else was in the room? _(edited)_');
  });

  it('the author withdraws: the question is gone from the board', async () => {
    await bot.person(erin).selectOption(menuOfQuestion(), 'Withdraw (yours only)', inThread(bot));
    await bot.settle();
    expect(newestEphemeral(bot, erin)).toBe('Your input was withdrawn; it counts as a pass in this round.');
    expect(textOf(boardOf(bot, questions))).not.toContain('Who else was in the room?');
  });
});

describe('members leaving and a closed session', () => {
  it('a member who leaves is thanked, and the thread says so', async () => {
    await bot.person(frank).click('Leave');
    await bot.settle();
    expect(newestEphemeral(bot, frank)).toBe("You've left the session. Thank you for taking part.");
    expect(bot.thread().map(textOf).join('\n')).toContain(`<@${frank}> has left the session. Thank you for taking part.`);
  });

  it('the presenter may not leave their own session', async () => {
    await bot.person(PRESENTER).click('Leave');
    await bot.settle();
    expect(newestEphemeral(bot, PRESENTER)).toBe(`As the case presenter you can't leave your own session; the facilitator (<@${FACILITATOR}>) can close it.`);
  });

  it('the presenter turns the private copy off at the end, and the End prompt says so', async () => {
    const end = format.phases[format.phases.length - 1];
    if (!end) throw new Error('no end phase');
    for (let i = 0; i < 10 && !promptOf(bot, end); i += 1) await click(bot, FACILITATOR, 'Next phase (facilitator)');
    await click(bot, PRESENTER, 'Keep a private copy: on (case presenter)');
    expect(newestEphemeral(bot, PRESENTER)).toBe('No private copy will be kept: everything is deleted at close.');
    expect(textOf(promptOf(bot, end))).toContain('Keep a private copy: off (case presenter)');
    expect(textOf(promptOf(bot, end))).toContain('No private copy will be kept.');
  });

  it('closing without a copy sends the presenter nothing; a button of the closed session says it has closed', async () => {
    const onCard = bot.person(FACILITATOR).findButton('Close (facilitator)', { channel: CHANNEL, ts: bot.card()?.ts ?? '' });
    await click(bot, FACILITATOR, 'Close (facilitator)');
    expect(bot.person(PRESENTER).dms()).toEqual([]);
    const el = onCard.control.element;
    await bot.driver.blockAction({ user: FACILITATOR, source: onCard.item.source, action: { type: 'button', action_id: el.action_id, value: el.value } });
    await bot.settle();
    expect(newestEphemeral(bot, FACILITATOR)).toBe('This session has closed.');
  });
});
