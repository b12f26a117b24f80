/**
 * Fast, friendly failure, with the real process: the bot (src/index.ts) on
 * a Redis of this file's own, reached through a relay the test can cut.
 * While Redis refuses connections, and while it accepts them but answers
 * nothing, every kind of request - a button click, a slash command, a modal
 * submission, an event - gets its "temporarily unavailable" answer within a
 * second, well before Slack gives up at 3 s. When Redis is back the same
 * actions succeed, and what was acknowledged before the outage is not lost.
 *
 * The figures (docs/operations.md) come from these tests:
 *   npx jest test/e2e/outage-processes.test.ts
 * Each test logs what it measured ("outage answer, Redis refusing: …").
 */
import type { Person } from '../../dev/emulator';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { TYPED_REPLY_TEXT } from '../../src/slack/listeners/events/message-typed';
import { UNAVAILABLE_TEXT } from '../../src/slack/unavailable';
import { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import { relayTo, type RedisOutage } from '../foundation/redis-proxy';
import { type BotProcess, startBotProcess } from '../support/bot-process';
import { openTestConnection } from '../support/redis';
import { type OwnRedis, startOwnRedis } from '../support/redis-server';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';

const { alice, bob, carol, dave, erin } = DEMO.users;
/** Slack shows its own error after 3 s; the bot's answer must come well before. */
const ANSWER_LIMIT_MS = 1000;
/** In what people write; the bot's log must never hold it. */
const TYPED = 'Typed-during-the-outage-4K';

let redis: OwnRedis;
let relay: RedisOutage;
let bench: SlackBench;
let bot: BotProcess;
let cardTs = '';

const who = (id: string): Person => bench.emulator.person(id);
const newestEphemeral = (user: string) => bench.emulator.ephemerals(user).at(-1)?.text;
/** Everything the newest ephemeral for `user` shows (text and blocks). */
const newestEphemeralShows = (user: string) => JSON.stringify(bench.emulator.ephemerals(user).at(-1) ?? {});
const cardText = () => JSON.stringify(bench.emulator.channelMessages(DEMO.channel).find((m) => m.ts === cardTs) ?? {});

/** Runs `act`, then waits for the answer `answered` sees; how long it took (ms) from the start of `act`. */
async function timed(act: () => Promise<unknown>, answered: () => boolean): Promise<number> {
  const started = Date.now();
  await act();
  await bench.emulator.waitFor(answered, 10_000);
  return Date.now() - started;
}

/** A new ephemeral for `user` saying `text`. */
function ephemeralSays(user: string, text: string): () => boolean {
  const before = bench.emulator.ephemerals(user).length;
  return () => bench.emulator.ephemerals(user).length > before && newestEphemeral(user) === text;
}

/** Opens the agreement modal from the invitation in `user`'s direct messages. */
async function openAgreement(user: string): Promise<void> {
  await who(user).click('Read and join', 'dm');
  await bench.emulator.waitFor(() => bench.emulator.openViews(user).length > 0, 5000);
  await who(user).modal().check('Your confirmation', ['I agree']);
}

/** Every kind of request once, with Redis out of reach; the time each took to be answered. */
async function everyKindWhileAway(): Promise<Record<string, number>> {
  const submitted = Date.now();
  const { errors } = await who(dave).modal().submit();
  const submission = Date.now() - submitted;
  expect(errors).toEqual({ 'Your confirmation': UNAVAILABLE_TEXT });
  const click = await timed(() => who(carol).click('Read and join', 'dm'), ephemeralSays(carol, UNAVAILABLE_TEXT));
  const command = await timed(() => who(erin).command('/intervision', 'list', DEMO.channel), ephemeralSays(erin, UNAVAILABLE_TEXT));
  const event = await timed(() => who(alice).say(DEMO.channel, TYPED, cardTs), ephemeralSays(alice, UNAVAILABLE_TEXT));
  return { click, command, submission, event };
}

/** The same requests, with Redis back: each does what it is for. */
async function everyKindSucceeds(): Promise<void> {
  const { errors } = await who(dave).modal().submit();
  expect(errors).toBeUndefined();
  await who(carol).click('Read and join', 'dm');
  await bench.emulator.waitFor(() => bench.emulator.openViews(carol).length > 0, 5000);
  await timed(() => who(erin).command('/intervision', 'list', DEMO.channel), () => newestEphemeralShows(erin).includes('Peer group'));
  await timed(() => who(alice).say(DEMO.channel, 'Typed by hand', cardTs), ephemeralSays(alice, TYPED_REPLY_TEXT));
  await bench.emulator.waitFor(() => cardText().includes(`<@${dave}> ✓`), 10_000);
}

/** Until both of the process's connections to Redis say they are back. */
async function reconnected(since: number): Promise<void> {
  const back = () =>
    bot
      .lines()
      .filter((line) => (line.msg === 'redis connection restored' || line.msg === 'redis connected') && Number(line.time) >= since)
      .map((line) => line.connection);
  await bench.emulator.waitFor(() => back().includes('work') && back().includes('requests'), 15_000);
}

/** Until the process has logged `message` (after `since`). */
async function logged(message: string, since: number): Promise<void> {
  await bench.emulator.waitFor(() => bot.lines().some((line) => line.msg === message && Number(line.time) >= since), 15_000);
}

async function pendingEffects(): Promise<string[]> {
  const store = new RedisSessionStore(openTestConnection(redis.url));
  try {
    return await store.pendingSessions();
  } finally {
    await store.close();
  }
}

function report(what: string, times: Record<string, number>): void {
  process.stdout.write(`outage answer, ${what}: ${Object.entries(times).map(([kind, ms]) => `${kind} ${ms} ms`).join(', ')}\n`);
}

beforeEach(async () => {
  redis = await startOwnRedis();
  relay = await relayTo(redis.url);
  bench = await startSlackBench();
  bot = await startBotProcess(bench, { REDIS_URL: relay.url });
  bench.driver(bot.requestUrl);
  const { emulator } = bench;
  await who(alice).command('/intervision', 'new', DEMO.channel);
  const modal = await emulator.waitFor(() => who(alice).modal(), 5000);
  await modal.pickUsers('Presenter (brings the case)', [bob]);
  await modal.pickUsers('Members', [carol, dave]);
  await modal.fill('Title', 'Peer group');
  await modal.select('Who can read the session', "This channel's thread");
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  expect((await modal.submit()).errors).toBeUndefined();
  cardTs = String((await emulator.waitFor(() => emulator.channelMessages(DEMO.channel).find((m) => m.user === DEMO.bot), 5000)).ts);
  await emulator.waitFor(() => [bob, carol, dave].every((user) => emulator.dms(user).length > 0), 5000);
  await openAgreement(dave);
});

afterEach(async () => {
  await bot.stop();
  await relay.close();
  await bench.stop();
  await redis.stop();
  expect(bench.emulator.violations).toEqual([]);
});

it('Redis refusing connections: every kind of request is answered within a second; back, the same requests succeed and nothing acknowledged is lost', async () => {
  // Bob's join is acknowledged; Slack holds its card update back, so its effects are still running when Redis goes.
  await openAgreement(bob);
  const { emulator } = bench;
  emulator.failNext('chat.update', { status: 429, retryAfter: 1 });
  expect((await who(bob).modal().submit()).errors).toBeUndefined();
  await emulator.waitFor(() => emulator.calls('chat.update').some((call) => call.status === 429), 5000);
  const away = Date.now();
  await relay.down();

  const times = await everyKindWhileAway();
  report('Redis refusing connections', times);
  for (const ms of Object.values(times)) expect(ms).toBeLessThan(ANSWER_LIMIT_MS);
  // Bob's effects could not finish without Redis: kept, to be run again.
  await logged('effects not run; will retry', away);

  const back = Date.now();
  await relay.up();
  await reconnected(back);
  await everyKindSucceeds();
  await bench.emulator.waitFor(() => cardText().includes(`<@${bob}> ✓`), 10_000);
  for (const until = Date.now() + 10_000; (await pendingEffects()).length > 0; ) {
    if (Date.now() > until) throw new Error('effects acknowledged before the outage are still pending');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(bot.raw()).not.toContain(TYPED);
}, 60_000);

it('Redis accepting connections but answering nothing: every kind of request is still answered within a second; the same requests succeed once it answers', async () => {
  relay.stall();
  const times = await everyKindWhileAway();
  report('Redis not answering', times);
  for (const ms of Object.values(times)) expect(ms).toBeLessThan(ANSWER_LIMIT_MS);

  await relay.up();
  await everyKindSucceeds();
  expect(bot.raw()).not.toContain(TYPED);
}, 60_000);
