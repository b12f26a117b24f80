/**
 * The Events API as each transport delivers it. Over HTTP a first delivery
 * has no X-Slack-Retry-Num and a retry has 1, 2, 3; over Socket Mode (the
 * default) the envelope's retry_attempt is 0 on the first delivery and 1, 2, 3
 * on the retries, which Bolt passes on as context.retryNum 0, 1, 2, 3. A retry
 * carries the first delivery's event_id either way. The bot once dropped every
 * event with a retryNum, so in Socket Mode a reply typed in a session thread
 * got no private note and a deleted card was not posted again. Now each event
 * is taken once by its event_id: the first delivery acts, a retry of it does
 * not act again, and a retry whose first delivery never arrived still acts.
 *
 * The real bot runs on the Slack bench: HTTP deliveries go through the
 * emulator's signed driver, Socket Mode deliveries through the entry point
 * Bolt's SocketModeReceiver calls (test/support/socket-mode.ts).
 */
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { Json } from '../../dev/emulator';
import { TYPED_REPLY_TEXT } from '../../src/slack/listeners/events/message-typed';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { deliverOverSocket, receiverEventOf, socketModeEnvelope, type SocketModeEnvelope } from '../support/socket-mode';
import { createSession } from './play';

const { alice, bob, carol, dave, erin, frank, grace } = PEOPLE;
/** In what people type; the logs must never hold it. */
const MARK = 'Typed-by-hand-7Q';

/** One way Slack delivers events to the bot. */
interface Transport {
  name: string;
  /** The first delivery of a new event; returns the Events API body a retry sends again. */
  first(bot: TestBot, event: Json): Promise<Json>;
  /** Slack's retry number `num` (1, 2, 3) of that same body: same event_id. */
  retry(bot: TestBot, body: Json, num: number): Promise<void>;
  /** Sends a body as it is, as a first delivery (to send one without an event_id). */
  raw(bot: TestBot, body: Json): Promise<void>;
}

const http: Transport = {
  name: 'HTTP (X-Slack-Retry-Num absent, then 1 and 2)',
  async first(bot, event) {
    const delivery = await bot.driver.event(event);
    expect(delivery.status).toBe(200);
    return delivery.envelope;
  },
  async retry(bot, body, num) {
    expect((await bot.driver.deliver(body, { num })).status).toBe(200);
  },
  async raw(bot, body) {
    expect((await bot.driver.deliver(body)).status).toBe(200);
  },
};

/** Delivers over "the socket" and checks that Bolt acked the envelope, as Slack expects. */
async function overSocket(bot: TestBot, envelope: SocketModeEnvelope): Promise<void> {
  const { acks } = await deliverOverSocket(bot.running.app, envelope);
  expect(acks).toEqual([envelope.envelope_id]);
}

const socketMode: Transport = {
  name: 'Socket Mode (retry_attempt 0, then 1 and 2)',
  async first(bot, event) {
    const body = bot.driver.envelope(event);
    await overSocket(bot, socketModeEnvelope(body, 0));
    return body;
  },
  async retry(bot, body, num) {
    await overSocket(bot, socketModeEnvelope(body, num));
  },
  async raw(bot, body) {
    await overSocket(bot, socketModeEnvelope(body, 0));
  },
};

/** Someone types a reply in the thread of the card at `threadTs`; the message event Slack sends (not yet delivered). */
function typedReply(bot: TestBot, user: string, threadTs: string, text: string): Json {
  const message = bot.emulator.postAsUser(user, CHANNEL, text, threadTs);
  return { type: 'message', channel: CHANNEL, user, text, ts: message.ts, thread_ts: threadTs, team: DEMO.team, channel_type: 'channel' };
}

/** Someone else deletes the session's card; the message_deleted event Slack sends (not yet delivered). */
function cardDeleted(bot: TestBot): Json {
  const ts = bot.card()?.ts;
  const message = ts ? bot.emulator.ws.findMessage(CHANNEL, ts) : undefined;
  if (!message) throw new Error('no session card to delete');
  bot.emulator.ws.deleteMessage(message);
  return { type: 'message', subtype: 'message_deleted', hidden: true, channel: CHANNEL, ts: bot.emulator.ws.ids.ts(), deleted_ts: message.ts, previous_message: { type: 'message', user: DEMO.bot, ts: message.ts } };
}

/** The private notes `user` got in the channel. */
function notes(bot: TestBot, user: string): string[] {
  // The notes in the session's thread (joining leaves its own ephemeral beside the card).
  return bot.emulator.ephemerals(user, CHANNEL).filter((e) => e.thread_ts !== undefined).map((e) => String(e.text));
}

/** The bot's top-level messages in the channel (its session cards). */
function cards(bot: TestBot): string[] {
  return bot.emulator.channelMessages(CHANNEL).filter((m) => m.user === DEMO.bot).map((m) => String(m.ts));
}

describe('what Bolt passes on from a Socket Mode envelope', () => {
  it('its own SocketModeReceiver turns retry_attempt 0 into retryNum 0 (not undefined), and hands processEvent what our delivery does', async () => {
    const receiver = new SocketModeReceiver({ appToken: 'xapp-1-A0INTERV-1-test', logLevel: LogLevel.ERROR });
    const app = new App({ receiver, token: 'xoxb-test', tokenVerificationEnabled: false, logLevel: LogLevel.ERROR });
    const handed: unknown[] = [];
    jest.spyOn(app, 'processEvent').mockImplementation(async (event) => {
      handed.push({ body: event.body, retryNum: event.retryNum, retryReason: event.retryReason });
    });
    const body = { type: 'event_callback', event_id: 'Ev0SOCKET', event: { type: 'message', channel: CHANNEL, user: carol, ts: '1.2' } };
    const envelopes = [socketModeEnvelope(body, 0), socketModeEnvelope(body, 1)];
    // What @slack/socket-mode does with each message read from the socket (no socket is opened).
    for (const envelope of envelopes) await receiver.client['onWebSocketMessage'](JSON.stringify(envelope), false);
    expect(handed).toEqual(envelopes.map(receiverEventOf));
    expect(handed).toMatchObject([{ retryNum: 0, retryReason: '' }, { retryNum: 1, retryReason: 'timeout' }]);
  });
});

describe.each([http, socketMode])('events delivered over $name', (transport) => {
  let bot: TestBot;

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-${transport === http ? 'http' : 'socket'}` });
    await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave] });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
    expect(bot.logLines.join('\n')).not.toContain(MARK);
  });

  it('a reply typed in a session thread gets the private note once: the first delivery is noted, its retries are not', async () => {
    const cardTs = bot.card()?.ts ?? '';
    const body = await transport.first(bot, typedReply(bot, carol, cardTs, `${MARK} I think the team needs a retro`));
    await bot.settle();
    expect(notes(bot, carol)).toEqual([TYPED_REPLY_TEXT]);
    expect(bot.emulator.ephemerals(carol, CHANNEL).find((e) => e.text === TYPED_REPLY_TEXT)?.thread_ts).toBe(cardTs);

    await transport.retry(bot, body, 1);
    await transport.retry(bot, body, 2);
    await bot.settle();
    expect(notes(bot, carol)).toEqual([TYPED_REPLY_TEXT]);
    expect(bot.logLines.filter((line) => line.includes('an event delivered again'))).toHaveLength(2);
  });

  it('a retry whose first delivery never arrived is still noted, once', async () => {
    const cardTs = bot.card()?.ts ?? '';
    const body = bot.driver.envelope(typedReply(bot, dave, cardTs, `${MARK} Me too`));
    await transport.retry(bot, body, 1);
    await transport.retry(bot, body, 2);
    await bot.settle();
    expect(notes(bot, dave)).toEqual([TYPED_REPLY_TEXT]);
  });

  it('an event without an event_id is acted on, not dropped', async () => {
    const cardTs = bot.card()?.ts ?? '';
    const { event_id: _dropped, ...body } = bot.driver.envelope(typedReply(bot, erin, cardTs, `${MARK} No id`));
    await transport.raw(bot, body);
    await bot.settle();
    expect(notes(bot, erin)).toEqual([TYPED_REPLY_TEXT]);
  });

  it('a message typed outside a session thread gets no note and claims nothing', async () => {
    const before = (await bot.redis.keys()).filter((key) => key.includes('event:')).length;
    const other = bot.emulator.postAsUser(frank, CHANNEL, `${MARK} Lunch anyone?`);
    await transport.first(bot, { type: 'message', channel: CHANNEL, user: frank, text: `${MARK} Lunch anyone?`, ts: other.ts, team: DEMO.team, channel_type: 'channel' });
    await transport.first(bot, typedReply(bot, frank, other.ts, `${MARK} Yes`));
    await bot.settle();
    expect(notes(bot, frank)).toEqual([]);
    expect((await bot.redis.keys()).filter((key) => key.includes('event:'))).toHaveLength(before);
  });

  it('a deleted session card is posted again at once, and a retry of the deletion posts nothing more', async () => {
    const sessionId = await bot.sessionId();
    const before = cards(bot);
    expect(before).toHaveLength(1);
    const body = await transport.first(bot, cardDeleted(bot));
    await bot.settle();
    const after = cards(bot);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    expect((await bot.store.messages(sessionId)).card?.ts).toBe(after[0]);
    const posts = bot.emulator.calls().filter((call) => call.method === 'chat.postMessage').length;

    await transport.retry(bot, body, 1);
    await bot.settle();
    expect(cards(bot)).toEqual(after);
    expect(bot.emulator.calls().filter((call) => call.method === 'chat.postMessage')).toHaveLength(posts);
  });

  it("an account's deactivation is taken once: its retry does not look through the bot's channels again", async () => {
    bot.emulator.deactivate(grace);
    const scans = (): number => bot.emulator.calls().filter((call) => call.method === 'users.conversations').length;
    const before = scans();
    const body = await transport.first(bot, { type: 'user_change', user: { id: grace, deleted: true }, cache_ts: 1 });
    await bot.settle();
    const after = scans();
    expect(after).toBeGreaterThan(before);
    await transport.retry(bot, body, 1);
    await bot.settle();
    expect(scans()).toBe(after);
  });
});
