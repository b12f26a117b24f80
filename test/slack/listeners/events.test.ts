/**
 * Events: a message typed by hand in a session thread gets a private note
 * (the bot can neither collect nor delete it), once, even when Slack
 * retries the event (hardening-event-delivery.test.ts: each transport);
 * other messages are left alone; the Home tab explains the bot.
 */
import { TYPED_REPLY_TEXT } from '../../../src/slack/listeners/events/message-typed';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../../support/bot';
import { createSession } from '../../e2e/play';

let bot: TestBot;
let cardTs = '';
/** Ephemerals each person had before a test: joining leaves a "You're in" one beside the card. */
const seen = (user: string) => bot.emulator.ephemerals(user, CHANNEL).length;
let before: Record<string, number> = {};
/** The ephemerals a person got in the channel since the test began. */
const newEphemerals = (user: string) => bot.emulator.ephemerals(user, CHANNEL).slice(before[user] ?? 0);

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  await createSession(bot, { facilitator: PEOPLE.alice, presenter: PEOPLE.bob, members: [PEOPLE.carol, PEOPLE.dave] });
  cardTs = bot.card()?.ts ?? '';
});

beforeEach(() => {
  before = Object.fromEntries(Object.values(PEOPLE).map((user) => [user, seen(user)]));
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('a message typed in a session thread', () => {
  it('gets a private note in the thread, only for the person who typed it', async () => {
    await bot.person(PEOPLE.carol).say(CHANNEL, 'I think the team needs a retro', cardTs);
    await bot.settle();
    const note = newEphemerals(PEOPLE.carol);
    expect(note.map((e) => [e.text, e.thread_ts])).toEqual([[TYPED_REPLY_TEXT, cardTs]]);
    expect(TYPED_REPLY_TEXT).toContain('delete your message');
    expect(newEphemerals(PEOPLE.dave)).toEqual([]);
  });

  it("is noted once: Slack's retry of the same event (its event_id) is not noted again", async () => {
    const typed = bot.emulator.postAsUser(PEOPLE.dave, CHANNEL, 'Me too', cardTs);
    const { envelope } = await bot.driver.event({ type: 'message', channel: CHANNEL, user: PEOPLE.dave, text: 'Me too', ts: typed.ts, thread_ts: cardTs, channel_type: 'channel' });
    await bot.settle();
    await bot.driver.deliver(envelope, { num: 1 });
    await bot.settle();
    expect(newEphemerals(PEOPLE.dave).map((e) => [e.text, e.thread_ts])).toEqual([[TYPED_REPLY_TEXT, cardTs]]);
  });

  it('is left alone when it is an ordinary message or a reply in another thread', async () => {
    const other = await bot.person(PEOPLE.erin).say(CHANNEL, 'Lunch anyone?');
    await bot.person(PEOPLE.frank).say(CHANNEL, 'Yes', other.ts);
    await bot.settle();
    expect(bot.emulator.ephemerals(PEOPLE.erin)).toEqual([]);
    expect(bot.emulator.ephemerals(PEOPLE.frank)).toEqual([]);
  });
});

describe('the Home tab', () => {
  it('explains what the bot does and how to start', async () => {
    await bot.person(PEOPLE.grace).openHome();
    await bot.settle();
    const home = bot.person(PEOPLE.grace).read('home');
    expect(home).toContain('Intervision');
    expect(home).toContain('How to start');
  });
});
