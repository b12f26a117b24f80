/**
 * Issue 6: Slack failing mid-session, each handled so the session goes on
 * (or waits) sensibly, and the facilitator hears of what needs them.
 * Beside test/slack/listeners/failures.test.ts (Redis away; the channel
 * archived) and test/e2e/close-under-faults.test.ts (429s and failures
 * during close): the bot removed from the channel and invited back, a
 * session's prompt and board deleted by someone else, a 429 storm, a 5xx outage longer
 * than the client's retries, and a participant whose account is deactivated.
 */
import { formats } from '../../src/engine';
import type { RoundsPhase } from '../../src/engine/formats/schema';
import { CHANNEL_GONE_KEY, userGoneKey } from '../../src/slack/outbound/notices';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { HOUR, createAsyncSession, later } from './async-play';
import { boardOf, click, createSession, promptOf, textOf, turnOf, writeInModal } from './play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const appreciation = format.phases.find((p): p is RoundsPhase => p.id === 'appreciation') as RoundsPhase;
const { alice, bob, carol, dave } = PEOPLE;

/** A live session in its factual questions, carol's turn (alice takes part too and passed first). */
async function liveInQuestions(bot: TestBot): Promise<string> {
  const id = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave] });
  await click(bot, alice, 'Start (facilitator)');
  await click(bot, bob, 'Done (case presenter)');
  await click(bot, alice, 'I pass');
  expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
  return id;
}

async function until(what: string, probe: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Slack failing mid-session', () => {
  let bot: TestBot;
  let sessionId = '';

  beforeEach(async () => {
    bot = await startTestBot({ name: __filename, sweepIntervalMs: 50 });
    sessionId = await liveInQuestions(bot);
  });

  afterEach(async () => {
    expect(bot.emulator.violations).toEqual([]);
    await bot.stop();
  });

  it('the bot removed from the channel: the facilitator is told once; invited back, they continue it from the DM', async () => {
    const channel = bot.emulator.ws.channels.get(CHANNEL);
    if (!channel) throw new Error('no channel');
    channel.members = channel.members.filter((m) => m !== DEMO.bot);
    await click(bot, alice, 'Next phase (facilitator)');
    const dms = bot.person(alice).dms();
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0])).toContain('I can no longer post in that channel (it was archived, or I was removed from it)');
    expect(Object.keys(await bot.store.messages(sessionId))).toContain(CHANNEL_GONE_KEY);
    expect((await bot.store.load(sessionId))?.current?.id).toBe('appreciation');
    // The new step's prompt could not be posted: nobody in the channel has its buttons yet.
    expect(promptOf(bot, appreciation)).toBeUndefined();

    // Too early: still refused, said so, and no second notice.
    await bot.person(alice).click('Continue in the channel', 'dm');
    await bot.settle();
    expect(bot.person(alice).ephemerals().at(-1)?.text).toContain("I still can't post in <#C0INTERV>");

    channel.members.push(DEMO.bot);
    await bot.person(alice).click('Continue in the channel', 'dm');
    await bot.settle();
    expect(bot.person(alice).ephemerals().at(-1)?.text).toBe('The session goes on in <#C0INTERV>: its card and the current step are there again.');
    expect(turnOf(bot, appreciation)?.holder).toBe(alice);
    await click(bot, alice, 'I pass');
    expect(turnOf(bot, appreciation)?.holder).toBe(carol);
    expect(bot.person(alice).dms()).toHaveLength(1);
  });

  it('a prompt and a board deleted by someone else are posted again at once, and close still leaves nothing', async () => {
    // The board's first page shares the prompt's message while both fit: deleting it takes both, and both come back.
    expect(boardOf(bot, questions)?.ts).toBe(promptOf(bot, questions)?.ts);
    for (const item of [promptOf(bot, questions)]) {
      const message = item?.ts ? bot.emulator.ws.findMessage(CHANNEL, item.ts) : undefined;
      if (!message) throw new Error('message not found');
      bot.emulator.ws.deleteMessage(message);
      // Slack tells the app (subscribed to message events in its channels) what was deleted.
      await bot.driver.event({ type: 'message', subtype: 'message_deleted', hidden: true, channel: CHANNEL, ts: bot.emulator.ws.ids.ts(), deleted_ts: message.ts, previous_message: { type: 'message', user: DEMO.bot, ts: message.ts } });
      await bot.settle();
    }
    expect(turnOf(bot, questions)?.holder).toBe(carol);
    await click(bot, carol, 'I pass');
    expect(turnOf(bot, questions)?.holder).toBe(dave);
    expect(textOf(boardOf(bot, questions))).toContain(`Passed: <@${alice}>, <@${carol}>`);

    await click(bot, alice, 'Close (facilitator)');
    const cardTs = bot.card()?.ts ?? '';
    expect(bot.emulator.thread(CHANNEL, cardTs).filter((m) => m.user === DEMO.bot && m.ts !== cardTs)).toEqual([]);
    expect(await bot.store.load(sessionId)).toBeNull();
  });

  it('a 429 storm is waited out: the click is acked in time and the thread catches up, with nothing lost', async () => {
    bot.emulator.failNext('chat.update', { status: 429, retryAfter: 1 }, 2);
    bot.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    const answer = await bot.person(carol).click('I pass', { channel: CHANNEL, thread: bot.card()?.ts ?? '' });
    expect(answer.ms).toBeLessThan(1000);
    await bot.settle();
    expect(bot.emulator.calls().filter((c) => c.status === 429).length).toBeGreaterThanOrEqual(2);
    expect(turnOf(bot, questions)?.holder).toBe(dave);
    await writeInModal(bot, dave, questions.input.label, { 'Question': 'When did it start?' });
    expect(textOf(boardOf(bot, questions))).toContain('When did it start?');
  });

  it('a 5xx outage longer than the retries: clicks still count, and the thread catches up once Slack answers again', async () => {
    bot.emulator.failNext('*', { status: 503 }, 40);
    const before = (await bot.store.load(sessionId))?.seq ?? 0;
    await bot.person(carol).click('I pass', { channel: CHANNEL, thread: bot.card()?.ts ?? '' });
    await until('the pass was stored', async () => ((await bot.store.load(sessionId))?.seq ?? 0) === before + 1);
    await until('the thread caught up', () => turnOf(bot, questions)?.holder === dave);
    await bot.settle();
    expect(bot.emulator.calls().filter((c) => c.status === 503)).toHaveLength(40);
    expect(textOf(boardOf(bot, questions))).toContain(`Passed: <@${alice}>, <@${carol}>`);
  });
});

describe('a participant deactivated during an asynchronous session', () => {
  let bot: TestBot;
  let sessionId = '';

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-async` });
    sessionId = await createAsyncSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave], windowHours: 24 });
    await click(bot, alice, 'Start (facilitator)');
    await writeInModal(bot, bob, 'Write your case (case presenter)', { 'Write your case': 'A case for the week' });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  it("the reminder that cannot reach them tells the facilitator once; the round closes without them at its deadline", async () => {
    bot.emulator.deactivate(dave);
    await later(bot, 13 * HOUR);
    const notices = bot.person(alice).dms().filter((dm) => textOf(dm).includes("I couldn't send"));
    expect(notices).toHaveLength(1);
    expect(textOf(notices[0])).toContain(`I couldn't send <@${dave}> a message`);
    expect(textOf(notices[0])).toContain("When a round's time runs out, their turn counts as a pass");
    expect(Object.keys(await bot.store.messages(sessionId))).toContain(userGoneKey(dave));

    await later(bot, 12 * HOUR);
    expect(bot.person(alice).dms().filter((dm) => textOf(dm).includes("I couldn't send"))).toHaveLength(1);
    const session = await bot.store.load(sessionId);
    expect(session?.current?.round?.number ?? session?.current?.roundsClosed).toBeGreaterThanOrEqual(1);
    expect(session?.roundLog?.[questions.id]?.[0]?.timeout).toContain(dave);
    expect(bot.emulator.violations).toEqual([]);
  });

  it('at close the notice goes with everything else', async () => {
    await bot.person(alice).click('Close (facilitator)');
    await bot.settle();
    expect(bot.person(alice).dms().filter((dm) => textOf(dm).includes("I couldn't send"))).toEqual([]);
    expect(await bot.store.load(sessionId)).toBeNull();
  });
});
