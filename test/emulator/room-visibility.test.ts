/**
 * Who can read a private room: only its members see it (Person reads nothing
 * there and can click nothing there), the bot's reads of a private channel it
 * is not in fail like Slack's, and an archived room keeps what it holds.
 */
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { DEMO, type SlackBench, botClient, errorOf, startSlackBench } from '../support/slack';
import { type TinyApp, startTinyBoltApp } from './tiny-bolt-app';

const { alice, bob, erin } = DEMO.users;

let bench: SlackBench;
let client: WebClient;
let tiny: TinyApp;
let clicks: string[];

const board: KnownBlock[] = [
  { type: 'section', text: { type: 'mrkdwn', text: 'Case of the week: the silent retro' } },
  { type: 'actions', elements: [{ type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' }, value: 's1' }] },
];

beforeEach(async () => {
  clicks = [];
  bench = await startSlackBench();
  client = botClient(bench);
  tiny = await startTinyBoltApp(bench, (app) => {
    app.action('open', async ({ ack, body }) => {
      await ack();
      clicks.push(body.user.id);
    });
  });
  bench.driver(tiny.requestUrl);
});

afterEach(async () => {
  expect(bench.emulator.violations).toEqual([]);
  await tiny.stop();
  await bench.stop();
});


/** A private room made by the bot, with these people invited. */
async function room(name: string, people: string[] = []): Promise<string> {
  const id = (await client.conversations.create({ name, is_private: true })).channel?.id as string;
  if (people.length > 0) await client.conversations.invite({ channel: id, users: people.join(',') });
  return id;
}

describe('who can read a channel', () => {
  it('a private room: its members only; a public channel: every active person', async () => {
    const id = await room('session-1', [alice]);
    expect(bench.emulator.canRead(alice, id)).toBe(true);
    expect(bench.emulator.canRead(bob, id)).toBe(false);
    expect(bench.emulator.canRead(DEMO.bot, id)).toBe(true);
    expect(bench.emulator.readers(id)).toEqual([alice]);
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice]);
    expect(bench.emulator.canRead(bob, DEMO.outside)).toBe(true);
    expect(bench.emulator.readers(DEMO.outside)).toEqual(Object.values(DEMO.users));
    bench.emulator.deactivate(erin);
    expect(bench.emulator.canRead(erin, DEMO.channel)).toBe(false);
    expect(bench.emulator.readers(DEMO.channel)).not.toContain(erin);
    expect(bench.emulator.canRead(alice, 'C0NOPE')).toBe(false);
    expect(bench.emulator.readers('C0NOPE')).toEqual([]);
    expect(bench.emulator.members('C0NOPE')).toEqual([]);
  });

  it('follows invite and kick', async () => {
    const id = await room('session-2');
    expect(bench.emulator.readers(id)).toEqual([]);
    await client.conversations.invite({ channel: id, users: `${alice},${bob}` });
    expect(bench.emulator.readers(id)).toEqual([alice, bob]);
    await client.conversations.kick({ channel: id, user: alice });
    expect(bench.emulator.readers(id)).toEqual([bob]);
    expect(bench.emulator.canRead(alice, id)).toBe(false);
  });
});

describe('what a person sees of a private room', () => {
  it('nothing before they are invited, everything once they are, and nothing again once removed', async () => {
    const id = await room('session-3', [alice]);
    const posted = await client.chat.postMessage({ channel: id, text: 'Case of the week', blocks: board });
    await client.chat.postMessage({ channel: id, text: 'A question', thread_ts: posted.ts as string });
    const bobSees = bench.emulator.person(bob);
    const nothing = () => {
      expect(bobSees.visibleMessages(id)).toEqual([]);
      expect(bobSees.thread(id, posted.ts as string)).toEqual([]);
      expect(bobSees.seen({ channel: id })).toEqual([]);
      expect(bobSees.seen({ channel: id, ts: posted.ts as string })).toEqual([]);
      expect(bobSees.read({ channel: id })).toBe('');
      expect(bobSees.read()).not.toContain('silent retro');
    };
    nothing();
    expect(bench.emulator.person(alice).read({ channel: id })).toContain('silent retro');

    await client.conversations.invite({ channel: id, users: bob });
    expect(bobSees.visibleMessages(id).map((m) => m.text)).toEqual(['Case of the week']);
    expect(bobSees.thread(id, posted.ts as string).map((m) => m.text)).toEqual(['Case of the week', 'A question']);
    await bobSees.click('Open', { channel: id });
    expect(clicks).toEqual([bob]);

    await client.conversations.kick({ channel: id, user: bob });
    nothing();
    await expect(bobSees.click('Open', { channel: id })).rejects.toThrow('bob sees no button "Open"');
    await expect(bobSees.click('Open')).rejects.toThrow('sees no button "Open"');
    await expect(bobSees.selectOption('Phase', 'Tips', { channel: id })).rejects.toThrow('sees no menu');
    expect(clicks).toEqual([bob]);
  });

  it('their ephemeral messages in a room go when they are removed from it', async () => {
    const id = await room('session-4', [bob]);
    await client.chat.postEphemeral({ channel: id, user: bob, text: 'Only you see this', blocks: board });
    const bobSees = bench.emulator.person(bob);
    expect(bobSees.ephemerals().map((e) => e.text)).toEqual(['Only you see this']);
    await client.conversations.kick({ channel: id, user: bob });
    expect(bobSees.ephemerals()).toEqual([]);
    expect(bobSees.seen('ephemeral')).toEqual([]);
    await expect(bobSees.click('Open')).rejects.toThrow('sees no button');
    expect(clicks).toEqual([]);
  });

  it('a person cannot join a private room, or run a command in it, without an invitation', async () => {
    const id = await room('session-5');
    await expect(bench.emulator.person(bob).join(id)).rejects.toThrow('a private channel needs an invitation');
    await expect(bench.emulator.person(bob).command('/intervision', 'new', id)).rejects.toThrow('it is private and they are not in it');
    expect(bench.emulator.members(id)).toEqual([DEMO.bot]);
  });
});

describe("the bot's reads of a private channel it is not in", () => {
  it('answer channel_not_found, as in Slack', async () => {
    bench.emulator.addChannel({ id: 'C0HIDDEN', name: 'hidden', is_private: true, members: [alice] });
    const typed = bench.emulator.postAsUser(alice, 'C0HIDDEN', 'between us');
    expect(await errorOf(client.conversations.history({ channel: 'C0HIDDEN' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.replies({ channel: 'C0HIDDEN', ts: typed.ts }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.members({ channel: 'C0HIDDEN' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.info({ channel: 'C0HIDDEN' }))).toBe('channel_not_found');
    expect(await errorOf(client.chat.postMessage({ channel: 'C0HIDDEN', text: 'hi' }))).toBe('channel_not_found');
  });
});

describe('an archived room', () => {
  it('keeps its messages and members, refuses new posts and edits, and its members can still read it', async () => {
    const id = await room('session-6', [alice]);
    const first = await client.chat.postMessage({ channel: id, text: 'Round 1' });
    const second = await client.chat.postMessage({ channel: id, text: 'Round 2' });
    await client.chat.delete({ channel: id, ts: first.ts as string });
    await client.conversations.archive({ channel: id });

    expect(await errorOf(client.chat.postMessage({ channel: id, text: 'late' }))).toBe('is_archived');
    expect(await errorOf(client.chat.postEphemeral({ channel: id, user: alice, text: 'late' }))).toBe('is_archived');
    expect(await errorOf(client.chat.update({ channel: id, ts: second.ts as string, text: 'edited' }))).toBe('is_inactive');
    expect(await errorOf(client.chat.delete({ channel: id, ts: second.ts as string }))).toBe('is_archived');

    expect(bench.emulator.channelMessages(id).map((m) => m.text)).toEqual(['Round 2']);
    expect((await client.conversations.history({ channel: id })).messages?.map((m) => m.text)).toEqual(['Round 2']);
    expect(bench.emulator.members(id)).toEqual([DEMO.bot, alice]);
    expect(bench.emulator.readers(id)).toEqual([alice]);
    expect(bench.emulator.person(alice).read({ channel: id })).toContain('Round 2');
  });
});
