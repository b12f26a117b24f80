/**
 * The channel-managing methods a bot needs for a private room per session
 * (conversations.create, .invite, .kick, .archive), through the real HTTP Web
 * API with a WebClient, each with Slack's answers and refusals.
 */
import type { WebClient } from '@slack/web-api';
import { RATE_TIERS, type RestrictableMethod, SlackEmulator } from '../../dev/emulator';
import { DEMO, type SlackBench, botClient, errorOf, refusal, startSlackBench } from '../support/slack';

const { alice, bob, carol, dave } = DEMO.users;
const everyone = Object.values(DEMO.users);

let bench: SlackBench;
let client: WebClient;

beforeEach(async () => {
  bench = await startSlackBench();
  client = botClient(bench);
});

afterEach(async () => {
  expect(bench.emulator.violations).toEqual([]);
  await bench.stop();
});


/** A private room made by the bot, with these people invited. */
async function room(name: string, people: string[] = []): Promise<string> {
  const made = await client.conversations.create({ name, is_private: true });
  const id = made.channel?.id as string;
  if (people.length > 0) await client.conversations.invite({ channel: id, users: people.join(',') });
  return id;
}

const hidden = () => bench.emulator.addChannel({ id: 'C0HIDDEN', name: 'hidden', is_private: true, members: [alice] });
const general = () => bench.emulator.addChannel({ id: 'C0GENERAL', name: 'general', is_general: true, members: [...everyone, DEMO.bot] });

describe('conversations.create', () => {
  it('creates a private channel whose creator and only member is the bot, shaped like conversations.info', async () => {
    const made = await client.conversations.create({ name: 'session-7f3a', is_private: true });
    expect(made.channel).toMatchObject({ id: expect.stringMatching(/^C/), name: 'session-7f3a', is_private: true, is_archived: false, is_member: true, creator: DEMO.bot, num_members: 1 });
    const id = made.channel?.id as string;
    expect(bench.emulator.members(id)).toEqual([DEMO.bot]);
    expect((await client.conversations.info({ channel: id })).channel).toEqual(made.channel);
    const listed = await client.users.conversations({ types: 'private_channel' });
    expect(listed.channels?.map((c) => c.id)).toEqual([DEMO.private, id]);
    const pub = await client.conversations.create({ name: 'open_room-2' });
    expect(pub.channel).toMatchObject({ is_private: false, name: 'open_room-2' });
  });

  it('refuses names Slack refuses, and makes no channel for them', async () => {
    const before = bench.emulator.ws.channels.size;
    const cases: Array<[string, string]> = [
      ['', 'invalid_name_required'],
      ['   ', 'invalid_name_required'],
      ['Session', 'invalid_name_specials'],
      ['session.1', 'invalid_name_specials'],
      ['session 1', 'invalid_name_specials'],
      ['x'.repeat(81), 'invalid_name_maxlength'],
      ['---', 'invalid_name_punctuation'],
      ['_-_', 'invalid_name_punctuation'],
    ];
    for (const [name, error] of cases) expect([name, await errorOf(client.conversations.create({ name }))]).toEqual([name, error]);
    expect(await errorOf(client.apiCall('conversations.create', {}))).toBe('invalid_name_required');
    expect(bench.emulator.call('conversations.create', { name: 42 })).toEqual({ ok: false, error: 'invalid_name' });
    expect(bench.emulator.ws.channels.size).toBe(before);
    expect((await client.conversations.create({ name: 'x'.repeat(80) })).ok).toBe(true);
    expect((await client.conversations.create({ name: 'räume_2024-01' })).ok).toBe(true);
  });

  it('answers name_taken for any channel with that name: public, archived, or private without the bot', async () => {
    expect(await errorOf(client.conversations.create({ name: 'intervision' }))).toBe('name_taken');
    const old = await room('old-room');
    await client.conversations.archive({ channel: old });
    expect(await errorOf(client.conversations.create({ name: 'old-room', is_private: true }))).toBe('name_taken');
    hidden();
    expect(await errorOf(client.conversations.create({ name: 'hidden' }))).toBe('name_taken');
  });

  it('answers restricted_action while a workspace policy forbids it, and works again once lifted', async () => {
    bench.emulator.restrict('conversations.create');
    const before = bench.emulator.ws.channels.size;
    expect(await errorOf(client.conversations.create({ name: 'session-1', is_private: true }))).toBe('restricted_action');
    expect(bench.emulator.ws.channels.size).toBe(before);
    bench.emulator.restrict('conversations.create', false);
    expect((await client.conversations.create({ name: 'session-1', is_private: true })).ok).toBe(true);
    const seeded = new SlackEmulator({ restricted: ['conversations.create'] });
    expect(seeded.call('conversations.create', { name: 'x' })).toEqual({ ok: false, error: 'restricted_action' });
    expect(() => bench.emulator.restrict('chat.postMessage' as RestrictableMethod)).toThrow('Slack has no restricted_action for chat.postMessage');
  });
});

describe('conversations.invite', () => {
  it('puts the people named into the room', async () => {
    const id = await room('session-a');
    const invited = await client.conversations.invite({ channel: id, users: `${alice},${bob}` });
    expect(invited.channel).toMatchObject({ id, num_members: 3, is_private: true });
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice, bob]);
  });

  it('refuses where the bot may not invite: channel_not_found, not_in_channel, is_archived, a DM, no users', async () => {
    hidden();
    expect(await errorOf(client.conversations.invite({ channel: 'C0NOPE', users: alice }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.invite({ channel: 'C0HIDDEN', users: bob }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.invite({ channel: DEMO.outside, users: alice }))).toBe('not_in_channel');
    const dm = (await client.conversations.open({ users: alice })).channel?.id as string;
    expect(await errorOf(client.conversations.invite({ channel: dm, users: bob }))).toBe('method_not_supported_for_channel_type');
    const id = await room('session-b');
    expect(await errorOf(client.conversations.invite({ channel: id, users: '' }))).toBe('no_user');
    await client.conversations.archive({ channel: id });
    expect(await errorOf(client.conversations.invite({ channel: id, users: alice }))).toBe('is_archived');
    expect(bench.emulator.members(id)).toEqual([DEMO.bot]);
    expect(bench.emulator.members('C0HIDDEN')).toEqual([alice]);
  });

  it('one refusal stops every invite, and `errors` names each refused user', async () => {
    const id = await room('session-c');
    const answer = await refusal(client.conversations.invite({ channel: id, users: `${alice},U0NOBODY,${DEMO.bot}` }));
    expect(answer).toMatchObject({
      error: 'user_not_found',
      errors: [
        { user: 'U0NOBODY', ok: false, error: 'user_not_found' },
        { user: DEMO.bot, ok: false, error: 'cant_invite_self' },
      ],
    });
    expect(bench.emulator.members(id)).toEqual([DEMO.bot]);
  });

  it('already_in_channel when someone named is in; with force the others still get in', async () => {
    const id = await room('session-d', [alice]);
    expect(await refusal(client.conversations.invite({ channel: id, users: alice }))).toMatchObject({
      ok: false,
      error: 'already_in_channel',
      errors: [{ user: alice, ok: false, error: 'already_in_channel' }],
    });
    expect(await errorOf(client.conversations.invite({ channel: id, users: `${alice},${bob}` }))).toBe('already_in_channel');
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice]);
    expect(await errorOf(client.conversations.invite({ channel: id, users: `${alice},${bob}`, force: true }))).toBe('already_in_channel');
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice, bob]);
  });

  it('refuses a deactivated account without stopping the others', async () => {
    const id = await room('session-e');
    bench.emulator.deactivate(carol);
    const answer = await refusal(client.conversations.invite({ channel: id, users: `${bob},${carol}` }));
    expect(answer).toMatchObject({ error: 'cant_invite', errors: [{ user: carol, ok: false, error: 'cant_invite' }] });
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, bob]);
  });
});

describe('conversations.kick', () => {
  it('removes a person from the room', async () => {
    const id = await room('session-f', [alice, bob]);
    expect(await client.conversations.kick({ channel: id, user: alice })).toMatchObject({ ok: true, errors: {} });
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, bob]);
  });

  it("refuses: not_in_channel, cant_kick_self, user_not_found, channel_not_found, is_archived, #general", async () => {
    const id = await room('session-g', [alice]);
    hidden();
    general();
    expect(await errorOf(client.conversations.kick({ channel: id, user: dave }))).toBe('not_in_channel');
    expect(await errorOf(client.conversations.kick({ channel: id, user: DEMO.bot }))).toBe('cant_kick_self');
    expect(await errorOf(client.conversations.kick({ channel: id, user: 'U0NOBODY' }))).toBe('user_not_found');
    expect(await errorOf(client.conversations.kick({ channel: 'C0NOPE', user: alice }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.kick({ channel: 'C0HIDDEN', user: alice }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.kick({ channel: 'C0GENERAL', user: alice }))).toBe('cant_kick_from_general');
    await client.conversations.archive({ channel: id });
    expect(await errorOf(client.conversations.kick({ channel: id, user: alice }))).toBe('is_archived');
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice]);
  });

  it('answers restricted_action under a workspace policy, and the person stays', async () => {
    const id = await room('session-h', [alice]);
    bench.emulator.restrict('conversations.kick');
    expect(await errorOf(client.conversations.kick({ channel: id, user: alice }))).toBe('restricted_action');
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice]);
  });
});

describe('conversations.archive', () => {
  it('archives a room: it says so, keeps its members and messages, and a second archive is already_archived', async () => {
    const id = await room('session-i', [alice]);
    await client.chat.postMessage({ channel: id, text: 'Round 1' });
    expect(await client.conversations.archive({ channel: id })).toMatchObject({ ok: true });
    expect((await client.conversations.info({ channel: id })).channel).toMatchObject({ is_archived: true, num_members: 2 });
    expect(bench.emulator.channelMessages(id).map((m) => m.text)).toEqual(['Round 1']);
    expect(await errorOf(client.conversations.archive({ channel: id }))).toBe('already_archived');
  });

  it('refuses: channel_not_found, not_in_channel, cant_archive_general, restricted_action', async () => {
    hidden();
    general();
    expect(await errorOf(client.conversations.archive({ channel: 'C0NOPE' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.archive({ channel: 'C0HIDDEN' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.archive({ channel: DEMO.outside }))).toBe('not_in_channel');
    expect(await errorOf(client.conversations.archive({ channel: 'C0GENERAL' }))).toBe('cant_archive_general');
    const id = await room('session-j');
    bench.emulator.restrict('conversations.archive');
    expect(await errorOf(client.conversations.archive({ channel: id }))).toBe('restricted_action');
    expect(bench.emulator.ws.channel(id)?.is_archived).toBe(false);
    expect(bench.emulator.ws.channel(DEMO.outside)?.is_archived).toBe(false);
  });
});

describe('rate tiers and change events', () => {
  it("knows each method's tier from Slack's docs", () => {
    expect(RATE_TIERS['conversations.create']).toEqual({ tier: 2, perMinute: 20 });
    expect(RATE_TIERS['conversations.invite']).toEqual({ tier: 3, perMinute: 50 });
    expect(RATE_TIERS['conversations.kick']).toEqual({ tier: 3, perMinute: 50 });
    expect(RATE_TIERS['conversations.archive']).toEqual({ tier: 2, perMinute: 20 });
  });

  it('reports every change, so the playground redraws', async () => {
    const changes: unknown[] = [];
    bench.emulator.on('change', (e) => changes.push(e));
    const id = await room('session-k', [alice]);
    await client.conversations.kick({ channel: id, user: alice });
    await client.conversations.archive({ channel: id });
    expect(changes).toEqual([
      { kind: 'channel', channel: id },
      { kind: 'channel', channel: id, user: alice },
      { kind: 'channel', channel: id, user: alice },
      { kind: 'channel', channel: id },
    ]);
  });
});
