import { WebClient } from '@slack/web-api';
import type { Logger, ModalView } from '@slack/web-api';
import { LogLevel } from '@slack/web-api';
import { ManualClock } from '../../src/clock';
import { RATE_TIERS } from '../../dev/emulator';
import { DEMO, type SlackBench, botClient, errorOf, startSlackBench } from '../support/slack';

const { alice, bob } = DEMO.users;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (title = 'New session'): ModalView => ({ type: 'modal', title: plain(title), blocks: [{ type: 'section', text: plain('Pick a format') }] });

/** WebClient logs every refused call; these tests refuse calls on purpose. */
const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

let bench: SlackBench;
let client: WebClient;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  bench = await startSlackBench({ now: () => clock.now() });
  client = botClient(bench, { logger: quiet });
});

afterEach(async () => {
  await bench.stop();
});


describe('messages', () => {
  it('a posted message appears in the channel, is updated in place, and is gone after delete', async () => {
    const posted = await client.chat.postMessage({ channel: DEMO.channel, text: 'Round 1', blocks: [{ type: 'section', text: plain('Round 1') }] });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(bench.emulator.channelMessages(DEMO.channel)).toEqual([expect.objectContaining({ ts: posted.ts, text: 'Round 1', user: DEMO.bot, bot_id: 'B0BOT' })]);

    await client.chat.update({ channel: DEMO.channel, ts: posted.ts as string, text: 'Round 2' });
    const [updated] = bench.emulator.channelMessages(DEMO.channel);
    expect(updated).toMatchObject({ text: 'Round 2', edited: { user: DEMO.bot } });
    // Slack keeps the old blocks when chat.update sends none.
    expect(updated?.blocks).toHaveLength(1);

    await client.chat.delete({ channel: DEMO.channel, ts: posted.ts as string });
    expect(bench.emulator.channelMessages(DEMO.channel)).toEqual([]);
    expect(await errorOf(client.chat.delete({ channel: DEMO.channel, ts: posted.ts as string }))).toBe('message_not_found');
  });

  it('ts values increase even when the clock stands still', async () => {
    const a = await client.chat.postMessage({ channel: DEMO.channel, text: 'a' });
    const b = await client.chat.postMessage({ channel: DEMO.channel, text: 'b' });
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
  });

  it('replies thread under their parent, and a deleted parent stays a tombstone until its last reply goes', async () => {
    const parent = await client.chat.postMessage({ channel: DEMO.channel, text: 'Case' });
    const reply = await client.chat.postMessage({ channel: DEMO.channel, text: 'Question', thread_ts: parent.ts as string });
    bench.emulator.postAsUser(bob, DEMO.channel, 'typed by bob', parent.ts as string);

    const thread = bench.emulator.thread(DEMO.channel, parent.ts as string);
    expect(thread.map((m) => m.text)).toEqual(['Case', 'Question', 'typed by bob']);
    expect(thread[0]).toMatchObject({ reply_count: 2, reply_users: [DEMO.bot, bob], latest_reply: thread[2]?.ts });
    expect(bench.emulator.channelMessages(DEMO.channel)).toHaveLength(1);

    await client.chat.delete({ channel: DEMO.channel, ts: parent.ts as string });
    expect(bench.emulator.channelMessages(DEMO.channel)).toEqual([expect.objectContaining({ subtype: 'tombstone', text: 'This message was deleted.' })]);
    await client.chat.delete({ channel: DEMO.channel, ts: reply.ts as string });
    expect(bench.emulator.thread(DEMO.channel, parent.ts as string)[0]).toMatchObject({ reply_count: 1 });
  });

  it('refuses to delete or update a message a person typed', async () => {
    const typed = bench.emulator.postAsUser(alice, DEMO.channel, 'my own words');
    expect(await errorOf(client.chat.delete({ channel: DEMO.channel, ts: typed.ts }))).toBe('cant_delete_message');
    expect(await errorOf(client.chat.update({ channel: DEMO.channel, ts: typed.ts, text: 'edited' }))).toBe('cant_update_message');
    expect(bench.emulator.channelMessages(DEMO.channel)).toHaveLength(1);
  });

  it('refuses a 51-block message with invalid_blocks, and records the violation', async () => {
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    expect(await errorOf(client.chat.postMessage({ channel: DEMO.channel, text: 'too much', blocks }))).toBe('invalid_blocks');
    expect(bench.emulator.channelMessages(DEMO.channel)).toEqual([]);
    expect(bench.emulator.violations).toEqual([
      expect.objectContaining({ source: 'chat.postMessage', error: 'invalid_blocks', details: ['/blocks: must have at most 50 blocks on a message (has 51)'] }),
    ]);
    bench.emulator.violations.length = 0;
  });

  it('refuses over-long text with msg_too_long and an empty message with no_text', async () => {
    expect(await errorOf(client.chat.postMessage({ channel: DEMO.channel, text: 'x'.repeat(40_001) }))).toBe('msg_too_long');
    expect(await errorOf(client.chat.postMessage({ channel: DEMO.channel, text: '' }))).toBe('no_text');
    bench.emulator.violations.length = 0;
  });

  it('knows where the bot may post: not_in_channel, channel_not_found, is_archived', async () => {
    expect(await errorOf(client.chat.postMessage({ channel: DEMO.outside, text: 'hi' }))).toBe('not_in_channel');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0NOPE', text: 'hi' }))).toBe('channel_not_found');
    bench.emulator.archive(DEMO.channel);
    expect(await errorOf(client.chat.postMessage({ channel: DEMO.channel, text: 'hi' }))).toBe('is_archived');
  });

  it('refuses a wrong token with invalid_auth', async () => {
    const stranger = new WebClient('xoxb-wrong', { slackApiUrl: bench.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
    expect(await errorOf(stranger.auth.test())).toBe('invalid_auth');
    expect(await client.auth.test()).toMatchObject({ ok: true, user_id: DEMO.bot, bot_id: 'B0BOT', team_id: DEMO.team });
  });

  it('gives each permalink the message’s archive address', async () => {
    const posted = await client.chat.postMessage({ channel: DEMO.channel, text: 'a' });
    const link = await client.chat.getPermalink({ channel: DEMO.channel, message_ts: posted.ts as string });
    expect(link.permalink).toBe(`https://demo-peers.slack.com/archives/${DEMO.channel}/p${(posted.ts as string).replace('.', '')}`);
  });
});

describe('ephemeral messages and response_url', () => {
  it('shows an ephemeral message only to its person, and only if they are in the channel', async () => {
    await client.chat.postEphemeral({ channel: DEMO.private, user: alice, text: 'only for alice' });
    expect(bench.emulator.ephemerals(alice)).toEqual([expect.objectContaining({ channel: DEMO.private, text: 'only for alice' })]);
    expect(bench.emulator.ephemerals(bob)).toEqual([]);
    expect(bench.emulator.channelMessages(DEMO.private)).toEqual([]);
    expect(await errorOf(client.chat.postEphemeral({ channel: DEMO.private, user: DEMO.users.carol, text: 'x' }))).toBe('user_not_in_channel');
  });

  it('replaces, deletes, or posts next to the original through response_url, as respond() does', async () => {
    await client.chat.postEphemeral({ channel: DEMO.channel, user: alice, text: 'Join?' });
    const [eph] = bench.emulator.ephemerals(alice);
    const url = bench.emulator.issueResponseUrl({ user: alice, channel: DEMO.channel, source: { kind: 'ephemeral', id: eph?.id as string } });
    const post = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ replace_original: true, text: 'Joined' })).status).toBe(200);
    expect(bench.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['Joined']);
    expect((await post({ response_type: 'in_channel', text: 'Alice joined' })).status).toBe(200);
    expect(bench.emulator.channelMessages(DEMO.channel).map((m) => m.text)).toEqual(['Alice joined']);
    expect((await post({ delete_original: true })).status).toBe(200);
    expect(bench.emulator.ephemerals(alice)).toEqual([]);
  });

  it('lets a response_url be used five times within 30 minutes', async () => {
    const url = bench.emulator.issueResponseUrl({ user: alice, channel: DEMO.channel });
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'hi' }) });
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(404);
    const later = bench.emulator.issueResponseUrl({ user: alice, channel: DEMO.channel });
    clock.advance(30 * 60 * 1000 + 1);
    expect((await fetch(later, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"late"}' })).status).toBe(404);
  });
});

describe('modals and the Home tab', () => {
  it('refuses a modal title over 24 characters', async () => {
    const trigger = bench.emulator.issueTrigger(alice);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal('A title far too long for Slack') }))).toBe('invalid_arguments');
    expect(bench.emulator.openViews(alice)).toEqual([]);
    expect(bench.emulator.violations[0]?.details).toEqual(['/view/title/text: must be at most 24 characters (is 30)']);
    bench.emulator.violations.length = 0;
  });

  it('accepts a trigger_id once: the second use is exchanged_trigger_id', async () => {
    const trigger = bench.emulator.issueTrigger(alice);
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(bench.emulator.openViews(alice)).toEqual([expect.objectContaining({ id: opened.view?.id })]);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
  });

  it('refuses a trigger_id older than 3 seconds with expired_trigger_id', async () => {
    const trigger = bench.emulator.issueTrigger(alice);
    clock.advance(3001);
    expect(await errorOf(client.views.open({ trigger_id: trigger, view: modal() }))).toBe('expired_trigger_id');
  });

  it('refuses views.update with a stale hash, and a fourth pushed view', async () => {
    const opened = await client.views.open({ trigger_id: bench.emulator.issueTrigger(alice), view: modal() });
    const id = opened.view?.id as string;
    const firstHash = opened.view?.hash as string;
    await client.views.update({ view_id: id, hash: firstHash, view: modal('Step 2') });
    expect(await errorOf(client.views.update({ view_id: id, hash: firstHash, view: modal('Step 3') }))).toBe('hash_conflict');

    await client.views.push({ trigger_id: bench.emulator.issueTrigger(alice), view: modal('Pushed 1') });
    await client.views.push({ trigger_id: bench.emulator.issueTrigger(alice), view: modal('Pushed 2') });
    expect(bench.emulator.openViews(alice)).toHaveLength(3);
    expect(await errorOf(client.views.push({ trigger_id: bench.emulator.issueTrigger(alice), view: modal('Pushed 3') }))).toBe('push_limit_reached');
  });

  it('publishes a Home tab per person', async () => {
    await client.views.publish({ user_id: bob, view: { type: 'home', blocks: [{ type: 'section', text: plain('Your sessions') }] } });
    expect(bench.emulator.home(bob)).toMatchObject({ type: 'home', blocks: [expect.objectContaining({ type: 'section' })] });
    expect(bench.emulator.home(alice)).toBeUndefined();
  });
});

describe('people and conversations', () => {
  it('reports names and time zones, and user_not_found for strangers', async () => {
    const { user } = await client.users.info({ user: DEMO.users.bob });
    expect(user).toMatchObject({ id: bob, name: 'bob', real_name: 'Bob Brown', tz: 'America/New_York', tz_offset: -5 * 3600, is_bot: false, deleted: false });
    expect(await errorOf(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
    bench.emulator.deactivate(bob);
    expect((await client.users.info({ user: bob })).user?.deleted).toBe(true);
  });

  it('opens one DM per person and lists channel members', async () => {
    const first = await client.conversations.open({ users: alice });
    const again = await client.conversations.open({ users: alice });
    expect(first.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(first.channel?.id);
    await client.chat.postMessage({ channel: first.channel?.id as string, text: 'Your summary' });
    expect(bench.emulator.dms(alice).map((m) => m.text)).toEqual(['Your summary']);
    expect((await client.conversations.members({ channel: DEMO.private })).members).toEqual([alice, bob, DEMO.bot]);
    expect((await client.conversations.info({ channel: DEMO.private })).channel).toMatchObject({ is_private: true, is_member: true, name: 'peer-group' });
  });

  it('reads history newest first and a thread oldest first', async () => {
    const parent = await client.chat.postMessage({ channel: DEMO.channel, text: 'one' });
    await client.chat.postMessage({ channel: DEMO.channel, text: 'reply', thread_ts: parent.ts as string });
    await client.chat.postMessage({ channel: DEMO.channel, text: 'two' });
    const history = await client.conversations.history({ channel: DEMO.channel });
    expect(history.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    const replies = await client.conversations.replies({ channel: DEMO.channel, ts: parent.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['one', 'reply']);
  });
});

describe('rate limits and faults', () => {
  it('answers an injected 429 with Retry-After; WebClient waits and retries, and the call count shows both tries', async () => {
    const patient = new WebClient(bench.botToken, { slackApiUrl: bench.apiUrl, retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 20 }, logger: quiet });
    bench.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const started = Date.now();
    const posted = await patient.chat.postMessage({ channel: DEMO.channel, text: 'after the pause' });
    expect(posted.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(bench.emulator.calls('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('fails the next call with an injected error code or server error, then recovers', async () => {
    bench.emulator.failNext('users.info', { error: 'user_not_found' });
    expect(await errorOf(client.users.info({ user: alice }))).toBe('user_not_found');
    expect((await client.users.info({ user: alice })).ok).toBe(true);
    bench.emulator.failNext('chat.update', { status: 503 }, 2);
    const posted = await client.chat.postMessage({ channel: DEMO.channel, text: 'a' });
    await expect(client.chat.update({ channel: DEMO.channel, ts: posted.ts as string, text: 'b' })).rejects.toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
  });

  it('counts the busiest minute of each method on the emulator clock, to compare with Slack’s tiers', async () => {
    const post = () => client.chat.postMessage({ channel: DEMO.channel, text: 'x' });
    await post();
    await post();
    await post();
    clock.advance(30_000);
    await post();
    await post();
    clock.advance(40_000);
    await post();
    expect(bench.emulator.callsPerMinute('chat.postMessage')).toBe(5);
    expect(bench.emulator.callsPerMinute('chat.postMessage')).toBeLessThanOrEqual(RATE_TIERS['chat.postMessage']?.perMinute ?? 0);
    expect(RATE_TIERS['chat.delete']).toEqual({ tier: 3, perMinute: 50 });
  });

  it('records every call with its arguments, parsed, and without the token', async () => {
    await client.chat.postMessage({ channel: DEMO.channel, text: 'a', blocks: [{ type: 'divider' }] });
    const [call] = bench.emulator.calls('chat.postMessage');
    expect(call).toMatchObject({ method: 'chat.postMessage', ok: true, status: 200, args: { channel: DEMO.channel, blocks: [{ type: 'divider' }] }, result: { ok: true, channel: DEMO.channel } });
    expect(call?.args).not.toHaveProperty('token');
  });
});

describe('live updates', () => {
  it('emits a change for every state change, so a page can redraw', async () => {
    const changes: unknown[] = [];
    bench.emulator.on('change', (e) => changes.push(e));
    const posted = await client.chat.postMessage({ channel: DEMO.channel, text: 'a' });
    await client.chat.delete({ channel: DEMO.channel, ts: posted.ts as string });
    expect(changes).toEqual([
      { kind: 'message', channel: DEMO.channel, ts: posted.ts },
      { kind: 'message', channel: DEMO.channel, ts: posted.ts },
    ]);
  });

  it('waitFor resolves when the state reaches what the test waits for', async () => {
    const seen = bench.emulator.waitFor(() => bench.emulator.channelMessages(DEMO.channel)[0]);
    await client.chat.postMessage({ channel: DEMO.channel, text: 'late' });
    await expect(seen).resolves.toMatchObject({ text: 'late' });
  });
});

afterEach(() => {
  expect(bench.emulator.violations).toEqual([]);
});
