/**
 * Issue 5's first test: a whole asynchronous Progress-focused session through
 * the Slack bench, spread over days on a hand-moved clock. Members answer at
 * different times, Erin never answers in the questions (silence is a pass at
 * the deadline), reminders reach by DM exactly those who have not answered,
 * at half the window and two hours before the end, the presenter is nudged
 * when their step runs over, and the close leaves nothing behind.
 */
import { formats } from '../../src/engine';
import type { ChoicePhase, EvaluationPhase, RoundsPhase, StatementPhase } from '../../src/engine/formats/schema';
import type { Session } from '../../src/engine/session';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys, timerMembers } from '../support/redis';
import { DEMO } from '../support/slack';
import { HOUR, PRESENTER_REMINDER, createAsyncSession, dateToken, dmsPostedTo, later, remindersTo, until } from './async-play';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { ACTIONS, encodeAction } from '../../src/slack/ids';
import { PLACE, boardOf, click, inThread, phaseOfKind, pickMenuOptions, promptOf, textOf, unansweredLabels, writeInModal } from './play';

const MARK = 'CONFIDENTIAL';
const format = formats.require('progress-focused');
const presentation = phaseOfKind(format, 'statement') as StatementPhase;
const rounds = format.phases.filter((p): p is RoundsPhase => p.kind === 'rounds');
const [questions, appreciation, tips] = rounds as [RoundsPhase, RoundsPhase, RoundsPhase];
const usefulness = phaseOfKind(format, 'choice') as ChoicePhase;
const evaluation = phaseOfKind(format, 'evaluation') as EvaluationPhase;

const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;
/** Everyone whose DMs are counted; erin is the member who stays silent in the questions. */
const EVERYONE = { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin };

let bot: TestBot;
let sessionId = '';
let cardTs = '';

const write = (what: string): string => `${MARK} ${what}`;
const load = async (): Promise<Session> => {
  const session = await bot.store.load(sessionId);
  if (!session) throw new Error('the session is gone');
  return session;
};
const openRoundNow = async () => {
  const round = (await load()).current?.round;
  if (!round?.deadline) throw new Error('no open asynchronous round');
  return { ...round, deadline: round.deadline };
};
const reminders = () => remindersTo(bot.emulator, EVERYONE);

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

it('the new-session modal offers a round window of 24 hours (1 hour to 7 days) and working days only, unticked', async () => {
  const alice = bot.person(FACILITATOR);
  await alice.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = alice.modal();
  await modal.select('How you meet', 'Asynchronous');
  await bot.settle();
  const view = bot.emulator.openViews(FACILITATOR).at(-1);
  const blocks = (view?.blocks ?? []) as Array<{ block_id?: string; element?: Record<string, unknown> }>;
  expect(blocks.find((b) => b.block_id === 'round-window')?.element).toMatchObject({ initial_value: '24', min_value: '1', max_value: '168' });
  expect(blocks.find((b) => b.block_id === 'working-days')?.element?.initial_options).toBeUndefined();
  await modal.pickUsers('Presenter (brings the case)', [PRESENTER]);
  await modal.pickUsers('Members', [carol, dave, erin]);
  await modal.fill('Title', 'Over the week');
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  await modal.fill('Hours each round stays open', '169');
  expect((await modal.submit()).errors).toEqual({ 'Hours each round stays open': 'Please give 1 to 168 hours.' });
  await modal.close();

  sessionId = await createAsyncSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin] });
  cardTs = bot.card()?.ts ?? '';
  // Everyone named but the facilitator (who confirmed in the form) was invited by DM and confirmed the agreement from it.
  for (const user of [PRESENTER, carol, dave, erin]) expect(dmsPostedTo(bot.emulator, user, "You're invited to Over the week")).toHaveLength(1);
  expect(dmsPostedTo(bot.emulator, FACILITATOR, "You're invited")).toHaveLength(0);
  for (const user of [PRESENTER, carol, dave, erin]) expect(bot.person(user).dms().filter((m) => textOf(m).includes("You're invited"))).toHaveLength(1);
  expect(bot.person(FACILITATOR).findButton('Start (facilitator)').control.names[0]).toBe('Start (facilitator) · 5 of 5 ready');
  const session = await load();
  expect(session.settings).toMatchObject({ mode: 'async', roundWindowHours: 24, workingDaysOnly: false, reminderLeadHours: 2, facilitatorIsMember: false });
  expect(textOf(bot.card())).toContain('Asynchronous: rounds of 24 hours, reminders by direct message');
});

it('the presenter writes the case two hours after the start, before its deadline: no reminder for them', async () => {
  await click(bot, FACILITATOR, 'Start (facilitator)');
  const deadline = (await load()).current?.deadline ?? 0;
  expect(deadline).toBe(bot.clock.now() + 24 * HOUR);
  expect(textOf(bot.card())).toContain(`<@${PRESENTER}> has the floor, until ${dateToken(deadline)}`);
  await later(bot, 2 * HOUR);
  await writeInModal(bot, PRESENTER, `${presentation.textLabel} (case presenter)`, { [presentation.textLabel]: write('my team stopped talking in retros') });
  expect((await load()).current?.id).toBe(questions.id);
  // (Its deadline passes during the questions with nothing waiting; the last checks see no DM for it.)
});

it('questions, round 1: Carol asks at once; the board shows who has answered, never what, and the card what it waits for', async () => {
  const round = await openRoundNow();
  expect(round.deadline - round.openedAt).toBe(24 * HOUR);
  await later(bot, 1 * HOUR);
  await writeInModal(bot, carol, questions.input.label, { 'Question': write('what changed in March?') });
  const board = textOf(boardOf(bot, questions));
  expect(board).toContain(`Done this round: <@${carol}> · still to come: <@${dave}>, <@${erin}>`);
  expect(board).toContain(`open, closes ${dateToken(round.deadline)}`);
  expect(board).not.toContain(MARK);
  expect(textOf(bot.card())).toContain(`Waiting for 2 of 3 team members, round 1 closes ${dateToken(round.deadline)}`);
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 0, erin: 0 });
});

it('half way through the window, only Dave and Erin get a reminder by DM, with a link to the thread and the buttons', async () => {
  const round = await openRoundNow();
  await until(bot, round.openedAt + 12 * HOUR - 1);
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 0, erin: 0 });
  const postsInChannel = (): number => bot.emulator.calls('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length;
  const before = postsInChannel();
  await later(bot, 1);
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 1, erin: 1 });
  const dm = textOf(bot.person(dave).dms().at(-1));
  expect(dm).toContain(`Round 1 of *${questions.title}* in “Over the week” is open until ${dateToken(round.deadline)}`);
  expect(dm).toContain(`<https://demo-peers.slack.com/archives/${CHANNEL}/p${cardTs.replace('.', '')}|open the thread>`);
  expect(dm).not.toContain(MARK);
  // Nothing public: no message in the channel or thread nags anyone.
  expect(postsInChannel()).toBe(before);
});

it('Dave asks from the reminder DM an hour later: the modal opens there, and the question lands on the thread\'s board, hidden', async () => {
  await later(bot, 1 * HOUR);
  await bot.person(dave).click(questions.input.label, 'dm');
  await bot.settle();
  const modal = bot.person(dave).modal();
  await modal.fill('Question', write('who else was in the room?'));
  expect((await modal.submit()).errors).toBeUndefined();
  await bot.settle();
  const board = textOf(boardOf(bot, questions));
  expect(board).toContain(`Done this round: <@${carol}>, <@${dave}> · still to come: <@${erin}>`);
  expect(board).not.toContain(MARK);
});

it('two hours before the deadline only Erin is reminded again; Dave, who has answered, is not', async () => {
  const round = await openRoundNow();
  await until(bot, round.deadline - 2 * HOUR - 1);
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 1, erin: 1 });
  await later(bot, 1);
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 1, erin: 2 });
});

it('at the deadline the round closes by itself: Erin\'s silence is "no answer", the questions are revealed, round 2 opens', async () => {
  const round = await openRoundNow();
  await until(bot, round.deadline - 1);
  expect(textOf(boardOf(bot, questions))).not.toContain(MARK);
  await later(bot, 1);
  const board = textOf(boardOf(bot, questions));
  expect(board).toContain(write('what changed in March?'));
  expect(board).toContain(write('who else was in the room?'));
  expect(board).toContain(`No answer: <@${erin}>`);
  const session = await load();
  expect(session.current?.round?.number).toBe(2);
  expect(session.roundLog?.[questions.id]).toEqual([{ number: 1, timeout: [erin] }]);
  expect(textOf(promptOf(bot, questions))).toContain('round 2');
});

it('the reminders of the closed round now say so, with no buttons; a click on one drawn before still says the step has moved on', async () => {
  await later(bot, 1 * HOUR);
  for (const user of [dave, erin]) {
    const reminder = bot.person(user).dms().filter((m) => textOf(m).includes(questions.title)).at(-1);
    expect(textOf(reminder)).toContain(`Round 1 of *${questions.title}* in “Over the week” has closed.`);
    expect(textOf(reminder)).not.toContain('open until');
    expect(reminder?.blocks.some((b) => b.type === 'actions')).toBe(false);
  }
  // A client that still showed the old reminder sends its "I pass".
  const old = bot.person(dave).dms().filter((m) => textOf(m).includes(questions.title)).at(-1);
  if (!old) throw new Error('no reminder');
  const value = encodeAction({ sessionId, seq: 0, phaseId: questions.id, round: 1 });
  await bot.driver.blockAction({ user: dave, source: old.source, action: { type: 'button', action_id: ACTIONS.pass, block_id: 'dm-actions', text: { type: 'plain_text', text: 'I pass' }, value } });
  await bot.settle();
  expect(bot.person(dave).ephemerals().at(-1)?.text).toBe('This step has moved on.');
  expect((await load()).current?.round?.marks[dave]).toBeUndefined();
  await click(bot, carol, 'I pass');
  await later(bot, 1 * HOUR);
  await click(bot, dave, 'I pass');
  const [first] = unansweredLabels(bot, PRESENTER);
  await later(bot, 4 * HOUR);
  await writeInModal(bot, PRESENTER, `Answer ${first} (case presenter)`, { 'Your answer': write('it was the reorganisation') });
  const round = await openRoundNow();
  await until(bot, round.deadline);
  // Round 2 brought only passes and silence: the rounds are over, one question still waits for Bob.
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 1, erin: 4 });
  const session = await load();
  expect(session.current?.round).toBeUndefined();
  expect(session.roundLog?.[questions.id]?.[1]).toEqual({ number: 2, pass: [carol, dave], timeout: [erin] });
  expect(textOf(boardOf(bot, questions))).toContain(`Passed: <@${carol}>, <@${dave}> · No answer: <@${erin}>`);
  expect(textOf(bot.card())).toContain(`Waiting for <@${PRESENTER}> to answer 1 question, until ${dateToken(bot.clock.now() + 24 * HOUR)}`);
});

it('the presenter\'s step has its own deadline: Bob gets one gentle DM, the facilitator gives more time, Bob answers', async () => {
  const deadline = (await load()).current?.deadline ?? 0;
  expect(deadline).toBe(bot.clock.now() + 24 * HOUR);
  await until(bot, deadline - 1);
  expect(dmsPostedTo(bot.emulator, PRESENTER, PRESENTER_REMINDER)).toHaveLength(0);
  await later(bot, 1);
  const nudges = dmsPostedTo(bot.emulator, PRESENTER, PRESENTER_REMINDER);
  expect(nudges).toHaveLength(1);
  expect(textOf(bot.person(PRESENTER).dms().at(-1))).toContain('1 question is waiting for your answer');
  expect(reminders().bob).toBe(0);
  expect(textOf(bot.card())).toContain(`the timebox ended ${dateToken(deadline)}`);

  await writeInModal(bot, FACILITATOR, 'More time (facilitator)', { 'Hours to add': '6' });
  expect((await load()).current?.deadline).toBe(deadline + 6 * HOUR);
  expect(textOf(bot.card())).toContain(`until ${dateToken(deadline + 6 * HOUR)}`);
  await later(bot, 1 * HOUR);
  const [second] = unansweredLabels(bot, PRESENTER);
  await writeInModal(bot, PRESENTER, `Answer ${second} (case presenter)`, { 'Your answer': write('only my manager') });
  expect((await load()).current?.id).toBe(appreciation.id);
  // (The extended deadline passes during appreciation with nothing waiting; the last checks see no second nudge.)
});

it('appreciation: everyone answers within hours, so the round closes early, and its reminders never go out', async () => {
  const before = reminders();
  const round = await openRoundNow();
  await later(bot, 1 * HOUR);
  await writeInModal(bot, dave, appreciation.input.label, { 'Compliment': write('you named it clearly') });
  await later(bot, 1 * HOUR);
  await writeInModal(bot, erin, appreciation.input.label, { 'Compliment': write('you kept trying') });
  await later(bot, 1 * HOUR);
  await writeInModal(bot, carol, appreciation.input.label, { 'Compliment': write('you asked for help') });
  expect((await load()).current?.round?.number).toBe(2);
  expect(textOf(boardOf(bot, appreciation))).toContain(write('you kept trying'));
  for (const user of [carol, dave, erin]) await click(bot, user, 'I pass');
  expect((await load()).current?.id).toBe(tips.id);
  // Round 1's half-way time comes (the tips' round opened hours later, its own reminders are not due yet): nobody is nudged.
  await until(bot, round.openedAt + 12 * HOUR);
  expect(reminders()).toEqual(before);
});

it('tips: Erin says nothing, is reminded twice, and the facilitator closes the second round early', async () => {
  const round = await openRoundNow();
  await writeInModal(bot, carol, tips.input.label, { 'Tip': write('hold a silent retro') });
  await writeInModal(bot, dave, tips.input.label, { 'Tip': write('ask one person first') });
  const before = reminders();
  await until(bot, round.deadline);
  expect(reminders()).toEqual({ ...before, erin: (before.erin ?? 0) + 2 });
  expect(textOf(boardOf(bot, tips))).toContain(`No answer: <@${erin}>`);
  await click(bot, carol, 'I pass');
  await click(bot, dave, 'I pass');
  await click(bot, FACILITATOR, 'Close round (facilitator)');
  expect((await load()).current?.id).toBe(usefulness.id);
  expect(textOf(boardOf(bot, tips))).toContain(`Passed: <@${carol}>, <@${dave}> · Skipped: <@${erin}>`);
});

it('usefulness and evaluation: Bob picks, everyone but Erin evaluates, the facilitator moves on to the end', async () => {
  const [tip] = pickMenuOptions(bot, usefulness);
  await bot.person(PRESENTER).selectOption(usefulness.pickLabel, [tip ?? ''], inThread(bot));
  await bot.settle();
  await click(bot, PRESENTER, 'Confirm picks (case presenter)');
  expect((await load()).current?.id).toBe(evaluation.id);
  await later(bot, 3 * HOUR);
  await writeInModal(bot, PRESENTER, 'Evaluate', { 'What specifically?': write('concrete tips') }, { [evaluation.question]: 'Yes' });
  for (const member of [carol, dave]) {
    await later(bot, 2 * HOUR);
    await writeInModal(bot, member, 'Evaluate', { 'What specifically?': write('good to listen') }, { [evaluation.memberQuestion]: 'Partly' });
  }
  await click(bot, FACILITATOR, 'Next phase (facilitator)');
  expect((await load()).status).toBe('ended');
  expect(textOf(bot.card())).toContain(`<@${FACILITATOR}> can close the session now.`);
});

it('over the whole session, reminders went to exactly those who had not answered, and to nobody else', () => {
  expect(reminders()).toEqual({ alice: 0, bob: 0, carol: 0, dave: 1, erin: 6 });
  expect(dmsPostedTo(bot.emulator, PRESENTER, PRESENTER_REMINDER)).toHaveLength(1);
  for (const user of [FACILITATOR, carol, dave, erin]) expect(dmsPostedTo(bot.emulator, user, PRESENTER_REMINDER)).toHaveLength(0);
});

it('the facilitator closes: the thread, the reminder DMs, the store and the timers are empty', async () => {
  await click(bot, FACILITATOR, 'Close (facilitator)');
  expect(bot.emulator.thread(CHANNEL, cardTs)).toHaveLength(1);
  expect(textOf(bot.card())).toMatch(/An intervision session \(Progress-focused intervision, 5 people\) took place here on .*; its content was deleted when it closed\./);
  expect(bot.emulator.channelMessages(CHANNEL).filter((m) => m.user === DEMO.bot)).toHaveLength(1);
  // The reminders were deleted with the rest; only the presenter's private copy remains, in Bob's DM.
  for (const user of [dave, erin]) expect(bot.person(user).dms().filter((m) => m.kind === 'dm' && textOf(m).includes('reminder'))).toEqual([]);
  // So were the invitations.
  for (const user of [PRESENTER, carol, dave, erin]) expect(bot.person(user).dms().filter((m) => textOf(m).includes("You're invited"))).toEqual([]);
  expect(bot.person(PRESENTER).dms().map((m) => textOf(m)).join('\n')).not.toContain(PRESENTER_REMINDER);

  const prefix = bot.redis.prefix;
  expect(await scanKeys(bot.redis.redis, `${globEscape(prefix)}*${globEscape(sessionId)}*`)).toEqual([]);
  expect(await bot.timers.list(sessionId)).toEqual([]);
  const timers = await timerMembers(bot.redis.redis, prefix);
  expect(timers.filter((t) => t.startsWith(`${sessionId}|`))).toEqual([]);
  expect(bot.logLines.filter((line) => line.includes(MARK))).toEqual([]);
});
