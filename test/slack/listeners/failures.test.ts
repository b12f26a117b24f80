/**
 * When the bot's world breaks: Redis goes away (people are told to try again
 * in a minute, in the place they acted), or the session's channel is
 * archived (the facilitator is told once, by DM, and can still close it).
 * Nothing crashes and nothing is lost.
 */
import { UNAVAILABLE_TEXT } from '../../../src/slack/unavailable';
import { CHANNEL_GONE_KEY } from '../../../src/slack/outbound/notices';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { globEscape, scanKeys } from '../../support/redis';
import { click, createSession, inThread, textOf } from '../../e2e/play';

const ROLES = { facilitator: PEOPLE.alice, presenter: PEOPLE.bob, members: [PEOPLE.carol, PEOPLE.dave] };

/** A session in its factual questions: carol's turn (the facilitator takes part too, first: she passes). */
async function sessionInQuestions(bot: TestBot): Promise<string> {
  const id = await createSession(bot, ROLES);
  await click(bot, PEOPLE.alice, 'Start (facilitator)');
  await click(bot, PEOPLE.bob, 'Done (case presenter)');
  await click(bot, PEOPLE.alice, 'I pass');
  return id;
}

describe('while Redis is away', () => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-redis` });
    await sessionInQuestions(bot);
    await click(bot, PEOPLE.carol, 'Ask a question');
    await bot.person(PEOPLE.carol).modal().fill('Question', 'What happened next?');
    // The bot's connection ends, as when Redis restarts: every store call fails at once.
    await bot.store.close();
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(async () => {
    await bot.running.inFlight.idle();
    expect(bot.emulator.violations).toEqual([]);
  });

  it('a click is answered privately: temporarily unavailable, try again', async () => {
    await bot.person(PEOPLE.dave).click('I pass', inThread(bot));
    await bot.running.inFlight.idle();
    expect(bot.person(PEOPLE.dave).ephemerals().at(-1)?.text).toBe(UNAVAILABLE_TEXT);
  });

  it('a modal stays open and says so on its field, keeping what was written', async () => {
    const { errors } = await bot.person(PEOPLE.carol).modal().submit();
    expect(errors).toEqual({ 'Question': UNAVAILABLE_TEXT });
    const [open] = bot.emulator.openViews(PEOPLE.carol);
    expect(JSON.stringify(open?.state)).toContain('What happened next?');
  });

  it('/intervision list says so too', async () => {
    await bot.person(PEOPLE.erin).command('/intervision', 'list', CHANNEL);
    await bot.running.inFlight.idle();
    expect(bot.person(PEOPLE.erin).ephemerals().at(-1)?.text).toBe(UNAVAILABLE_TEXT);
  });

  it("a message typed by hand in the session thread gets the same answer, in that thread; under a person's message, none", async () => {
    const thread = inThread(bot).thread;
    await bot.person(PEOPLE.erin).say(CHANNEL, 'Typed in the session thread', thread);
    await bot.running.inFlight.idle();
    expect(bot.emulator.ephemerals(PEOPLE.erin, CHANNEL).at(-1)).toMatchObject({ text: UNAVAILABLE_TEXT, thread_ts: thread });

    // Without the store the bot cannot tell a session's thread from others; under a person's message it says nothing.
    const lunch = bot.emulator.postAsUser(PEOPLE.carol, CHANNEL, 'Lunch, anyone?');
    const before = bot.emulator.ephemerals(PEOPLE.erin).length;
    await bot.person(PEOPLE.erin).say(CHANNEL, 'Typed elsewhere', lunch.ts);
    await bot.running.inFlight.idle();
    expect(bot.emulator.ephemerals(PEOPLE.erin)).toHaveLength(before);
  });

  it('the log names the failure by kind and ids only, never what was written', () => {
    const failures = bot.logLines.filter((line) => line.includes('a listener could not reach the store'));
    expect(failures.length).toBeGreaterThanOrEqual(3);
    expect(bot.logLines.filter((line) => line.includes('What happened next?') || line.includes('Typed in the session thread'))).toEqual([]);
  });
});

describe('when the session channel is archived mid-session', () => {
  let bot: TestBot;
  let sessionId = '';

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-archived` });
    sessionId = await sessionInQuestions(bot);
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it('tells the facilitator once, by DM, what happened and what they can do; the session is kept', async () => {
    bot.emulator.archive(CHANNEL);
    await click(bot, PEOPLE.carol, 'I pass');
    await click(bot, PEOPLE.dave, 'I pass');
    const dms = bot.person(PEOPLE.alice).dms();
    expect(dms).toHaveLength(1);
    const text = textOf(dms[0]);
    expect(text).toContain("can't go on there: I can no longer post in that channel (it was archived, or I was removed from it)");
    expect(text).toContain('/invite @Intervision');
    expect(Object.keys(await bot.store.messages(sessionId))).toContain(CHANNEL_GONE_KEY);
    expect(await bot.store.load(sessionId)).not.toBeNull();
  });

  it("the facilitator closes it from the DM: the session's data is gone and so is the notice", async () => {
    await bot.person(PEOPLE.alice).click('Close (facilitator)', 'dm');
    await bot.settle();
    expect(await scanKeys(bot.redis.redis, `${globEscape(bot.redis.prefix)}*${globEscape(sessionId)}*`)).toEqual([]);
    expect(bot.person(PEOPLE.alice).dms()).toEqual([]);
  });
});
