import type { Page } from 'playwright-core';
import { PLAYGROUND_CHANNEL } from '../../dev/playground';
import { browserForTests, screenshot } from './browser';
import { playgroundForTests, stateOf } from './client';

/**
 * A private room the bot makes (conversations.create, is_private) shows in
 * the playground only for its members: in what each person's page is sent,
 * and in the sidebar, with Slack's lock, from the moment they are invited
 * until they are removed or the room is archived.
 */

const FEMKE = 'U0FEMKE';
const PRIYA = 'U0PRIYA';
const MATEO = 'U0MATEO';

const running = playgroundForTests();
const browser = browserForTests();

/** A private room made by the bot, as the bot's WebClient would make it. */
function room(name: string): string {
  const made = running().emulator.call('conversations.create', { name, is_private: true });
  if (!made.ok) throw new Error(`conversations.create: ${String(made.error)}`);
  return (made.channel as { id: string }).id;
}

const call = (method: string, args: Record<string, string>) => {
  const answer = running().emulator.call(method, args);
  if (!answer.ok) throw new Error(`${method}: ${String(answer.error)}`);
};

/** The ids of the channels in what `as` is sent. */
async function channelsOf(as: string): Promise<string[]> {
  return (await stateOf(running().url, as)).channels.map((c) => c.id);
}

describe('what each person is sent', () => {
  it('a room is in the state of its members only, marked private, from invite until kick or archive', async () => {
    const id = room('room-state');
    for (const person of [FEMKE, PRIYA, MATEO]) expect(await channelsOf(person)).toEqual([PLAYGROUND_CHANNEL.id]);

    call('conversations.invite', { channel: id, users: `${FEMKE},${PRIYA}` });
    const femke = await stateOf(running().url, FEMKE);
    expect(femke.channels.find((c) => c.id === id)).toMatchObject({ name: 'room-state', isPrivate: true, memberCount: 3 });
    expect(femke.channels.find((c) => c.id === PLAYGROUND_CHANNEL.id)?.isPrivate).toBe(false);
    expect(await channelsOf(PRIYA)).toContain(id);
    expect(await channelsOf(MATEO)).toEqual([PLAYGROUND_CHANNEL.id]);

    call('conversations.kick', { channel: id, user: PRIYA });
    expect(await channelsOf(PRIYA)).toEqual([PLAYGROUND_CHANNEL.id]);
    expect(await channelsOf(FEMKE)).toContain(id);

    call('conversations.archive', { channel: id });
    expect(await channelsOf(FEMKE)).toEqual([PLAYGROUND_CHANNEL.id]);
  });

  it('a person outside the room is never sent its messages', async () => {
    const id = room('room-words');
    call('conversations.invite', { channel: id, users: FEMKE });
    call('chat.postMessage', { channel: id, text: 'What is said in the room stays in the room' });
    expect(JSON.stringify(await stateOf(running().url, FEMKE))).toContain('stays in the room');
    expect(JSON.stringify(await stateOf(running().url, MATEO))).not.toContain('stays in the room');
  });
});

describe('the sidebar', () => {
  /** The labels of the sidebar's channels. */
  const sidebar = (page: Page) => page.locator('#sidebar .nav-item .nav-label');

  it('shows the room with a lock to a member once invited, never to anyone else, and drops it when they are removed', async () => {
    const { url } = running();
    const pages = await Promise.all([FEMKE, MATEO].map(async (as) => {
      const page = await browser().context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${url}/?as=${as}`);
      await page.locator('.switcher-toggle').waitFor();
      return page;
    }));
    const [femke, mateo] = pages as [Page, Page];
    try {
      const id = room('room-sidebar');
      await sidebar(femke).getByText(`# ${PLAYGROUND_CHANNEL.name}`).waitFor();
      expect(await sidebar(femke).allTextContents()).not.toContain('\u{1F512} room-sidebar');

      call('conversations.invite', { channel: id, users: FEMKE });
      await sidebar(femke).getByText('\u{1F512} room-sidebar', { exact: true }).waitFor();
      await femke.locator('#sidebar .nav-item', { hasText: 'room-sidebar' }).click();
      await femke.locator('#conv-header .conv-title', { hasText: '\u{1F512} room-sidebar' }).waitFor();
      await screenshot(femke, 'room-in-sidebar');
      expect(await sidebar(mateo).allTextContents()).toEqual([`# ${PLAYGROUND_CHANNEL.name}`, 'intervision', 'intervision \u00B7 Home']);

      call('conversations.kick', { channel: id, user: FEMKE });
      await femke.locator('#conv-header .conv-title', { hasText: `# ${PLAYGROUND_CHANNEL.name}` }).waitFor();
      await femke.locator('#sidebar .nav-item.is-active', { hasText: PLAYGROUND_CHANNEL.name }).waitFor();
      expect(await sidebar(femke).allTextContents()).not.toContain('\u{1F512} room-sidebar');
    } finally {
      for (const page of pages) await page.close();
    }
  }, 30_000);
});
