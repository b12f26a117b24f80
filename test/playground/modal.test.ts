import { randomBytes } from 'node:crypto';
import { SlackEmulator } from '../../dev/emulator';
import type { Json } from '../../dev/emulator';
import { createLogger } from '../../src/logger';
import { startPlayground } from '../../dev/playground';
import { PlaygroundError, actionOf, stateValues } from '../../dev/playground/interact';
import { CHECKED } from '../../src/slack/blocks/new-session-modal';
import { type IsolatedRedis, isolatedRedis, testRedisUrl } from '../support/redis';
import { eventually, playgroundForTests, post, stateOf } from './client';

/** Modals through the API: the new-session form, its errors on the right fields, and whose modal is whose. */

const FEMKE = 'U0FEMKE';
const PRIYA = 'U0PRIYA';
const MATEO = 'U0MATEO';

/**
 * The values of a filled-in new-session form, as the page sends them (block ->
 * action -> choice): held in the channel's thread, the agreement confirmed.
 */
const FILLED = {
  presenter: { presenter: { user: PRIYA } },
  members: { members: { users: [MATEO] } },
  title: { title: { value: 'Tuesday practice' } },
  place: { place: { option: 'thread' } },
  agreement: { agreement: { options: [CHECKED] } },
};

/** Femke opens the new-session modal; resolves with its view id. */
async function openNewSession(url: string): Promise<string> {
  expect((await post(url, '/api/command', { as: FEMKE, text: '/intervision new' })).body).toEqual({ ok: true });
  return eventually(url, FEMKE, (s) => s.modals[0]?.callbackId === 'iv_new-session' && s.modals[0].id);
}

describe('the new-session modal through the API', () => {
  const running = playgroundForTests();

  it("opens only for the person who typed the command, and shows the app's errors under the right fields until they are fixed", async () => {
    const { url, emulator } = running();
    const viewId = await openNewSession(url);
    expect((await stateOf(url, PRIYA)).modals).toEqual([]);

    const empty = await post(url, '/api/view/submit', { as: FEMKE, viewId, values: {} });
    expect(empty.body.ok).toBe(false);
    expect(Object.keys(empty.body.errors ?? {}).sort()).toEqual(['agreement', 'presenter', 'title']);
    const shown = await stateOf(url, FEMKE);
    expect(shown.modals[0]?.errors.presenter).toBe('Please choose who brings the case.');
    expect(shown.modals[0]?.errors.title).toContain('Please give the session a short title');
    expect(shown.modals[0]?.errors.agreement).toBe('Please confirm the confidentiality agreement: everyone in the session does, you too.');

    // Everything else right, but the agreement not confirmed: still refused, on that field alone.
    const unconfirmed = await post(url, '/api/view/submit', { as: FEMKE, viewId, values: { ...FILLED, agreement: { agreement: { options: [] } } } });
    expect(unconfirmed.body.errors).toEqual({ agreement: 'Please confirm the confidentiality agreement: everyone in the session does, you too.' });

    const fixed = await post(url, '/api/view/submit', { as: FEMKE, viewId, values: FILLED });
    expect(fixed.body).toEqual({ ok: true });
    // The modal says "Setting up…" at once, then where the session is; nothing in it can be sent.
    const ready = await eventually(url, FEMKE, (s) => JSON.stringify(s.modals[0]?.blocks ?? []).includes('is set up') && s.modals[0]);
    expect(ready.callbackId).toBe('iv_new-session-progress');
    expect(ready.submit).toBeUndefined();
    const card = await eventually(url, PRIYA, (s) => s.channels[0]?.messages.find((m) => JSON.stringify(m.blocks).includes('Tuesday practice')));
    // Femke confirmed the agreement in the form; Priya is invited, and asked in a direct message.
    expect(JSON.stringify(card.blocks)).toContain(`<@${FEMKE}> ✓`);
    expect(JSON.stringify(card.blocks)).toContain(`<@${PRIYA}> _(invited)_`);
    const invitation = await eventually(url, PRIYA, (s) => s.dm.messages.find((m) => JSON.stringify(m.blocks).includes('Read and join')));
    expect(JSON.stringify(invitation.blocks)).toContain('Tuesday practice');
    expect(emulator.violations).toEqual([]);
  });

  it("keeps what was entered when the app redraws the modal (the format menu), as Slack keeps a view's values", async () => {
    const { url } = running();
    const viewId = await openNewSession(url);
    const before = (await stateOf(url, FEMKE)).modals[0]?.hash;
    const chose = await post(url, '/api/action', {
      as: FEMKE,
      source: { kind: 'view', viewId },
      blockId: 'format',
      actionId: 'iv_format-select',
      choice: { option: 'agile-intervision' },
      values: { title: { title: { value: 'Kept while redrawn' } } },
    });
    expect(chose.body).toEqual({ ok: true });
    const redrawn = await eventually(url, FEMKE, (s) => s.modals[0]?.hash !== before && s.modals[0]);
    expect(redrawn.id).toBe(viewId);
    expect(JSON.stringify(redrawn.blocks)).toContain('Minutes per phase, prefilled from Agile-Intervision');
    expect(redrawn.values.title?.title).toEqual({ type: 'plain_text_input', value: 'Kept while redrawn' });
    await post(url, '/api/view/close', { as: FEMKE, viewId });
    expect((await stateOf(url, FEMKE)).modals).toEqual([]);
  });

  it("lets nobody submit or act on someone else's modal", async () => {
    const { url } = running();
    const viewId = await openNewSession(url);
    expect((await post(url, '/api/view/submit', { as: PRIYA, viewId, values: FILLED })).status).toBe(409);
    const action = await post(url, '/api/action', { as: PRIYA, source: { kind: 'view', viewId }, blockId: 'format', actionId: 'iv_format-select', choice: { option: 'agile-intervision' } });
    expect(action.status).toBe(404);
    expect((await stateOf(url, FEMKE)).modals.map((m) => m.id)).toEqual([viewId]);
    await post(url, '/api/view/close', { as: FEMKE, viewId });
  });
});

describe('what the page may say about an element', () => {
  const emulator = new SlackEmulator();
  emulator.addUser({ id: FEMKE, name: 'femke' });
  const menu: Json = {
    type: 'static_select',
    action_id: 'pick',
    options: [{ text: { type: 'plain_text', text: 'Progress-focused intervision' }, value: 'progress-focused' }],
  };
  const block: Json = { type: 'section', block_id: 'formats', text: { type: 'mrkdwn', text: 'Format' }, accessory: menu };

  it("names an option by its value; the app receives the element's own option, never text from the page", () => {
    const action = actionOf(emulator, block, menu, { option: 'progress-focused' });
    expect(action).toEqual({
      type: 'static_select',
      action_id: 'pick',
      block_id: 'formats',
      selected_option: { text: { type: 'plain_text', text: 'Progress-focused intervision' }, value: 'progress-focused' },
    });
  });

  it('refuses an option the element does not offer, and a person who does not exist', () => {
    expect(() => actionOf(emulator, block, menu, { option: 'made-up' })).toThrow(PlaygroundError);
    const people: Json = { type: 'users_select', action_id: 'who' };
    expect(() => actionOf(emulator, { type: 'actions', block_id: 'b', elements: [people] }, people, { user: 'U0NOBODY' })).toThrow('nobody');
  });

  it('drops values for elements the surface does not have', () => {
    const values = stateValues(emulator, [block], { formats: { pick: { option: 'progress-focused' } }, gone: { away: { value: 'x' } } });
    expect(Object.keys(values)).toEqual(['formats']);
  });
});

/** Every value stored under the keys, as text, whatever the key's type. */
async function storedText(redis: IsolatedRedis): Promise<string> {
  const parts: string[] = [];
  for (const key of await redis.keys()) {
    const type = await redis.redis.type(key);
    if (type === 'string') parts.push((await redis.redis.get(key)) ?? '');
    else if (type === 'hash') parts.push(...Object.values(await redis.redis.hgetall(key)));
    else if (type === 'zset') parts.push(...(await redis.redis.zrange(key, '0', '-1')));
    else if (type === 'set') parts.push(...(await redis.redis.smembers(key)));
    else if (type === 'list') parts.push(...(await redis.redis.lrange(key, '0', '-1')));
  }
  return parts.join('\n');
}

describe('the playground on Redis', () => {
  /** Starts a playground on the test Redis, creates a session through the API, and returns what Redis holds. */
  async function sessionInRedis(encryption?: { key: Buffer }): Promise<string> {
    const redis = isolatedRedis(__filename);
    const playground = await startPlayground({ port: 0, redisUrl: testRedisUrl(), redisPrefix: redis.prefix, logger: createLogger('silent'), ...(encryption ? { encryption } : {}) });
    try {
      expect(playground.storeKind).toBe('redis');
      const viewId = await openNewSession(playground.url);
      expect((await post(playground.url, '/api/view/submit', { as: FEMKE, viewId, values: FILLED })).body).toEqual({ ok: true });
      await eventually(playground.url, PRIYA, (s) => s.channels[0]?.messages.some((m) => JSON.stringify(m.blocks).includes('Tuesday practice')));
      expect((await redis.keys()).length).toBeGreaterThan(0);
      return await storedText(redis);
    } finally {
      await playground.stop();
      await redis.cleanup();
    }
  }

  it('keeps its sessions in Redis under its own prefix when REDIS_URL is set', async () => {
    expect(await sessionInRedis()).toContain('Tuesday practice');
  });

  it('encrypts what it stores when given a content key, as the bot does', async () => {
    expect(await sessionInRedis({ key: randomBytes(32) })).not.toContain('Tuesday practice');
  });
});

describe('the shortcut through the API', () => {
  const running = playgroundForTests();

  it('the ⚡ shortcut opens the form with a channel menu on the channel shown; the session runs in the channel chosen, and the Home tab lists it', async () => {
    const { url, emulator } = running();
    const channel = emulator.defaultChannel ?? '';
    expect((await post(url, '/api/shortcut', { as: FEMKE, channel })).body).toEqual({ ok: true });
    const form = await eventually(url, FEMKE, (s) => s.modals[0]?.callbackId === 'iv_new-session' && s.modals[0]);
    expect(form.values.channel?.channel).toEqual({ type: 'conversations_select', selected_conversation: channel });
    const sent = await post(url, '/api/view/submit', { as: FEMKE, viewId: form.id, values: { ...FILLED, channel: { channel: { conversation: channel } }, title: { title: { value: 'From the shortcut' } } } });
    expect(sent.body).toEqual({ ok: true });
    await eventually(url, FEMKE, (s) => JSON.stringify(s.modals[0]?.blocks ?? []).includes('is set up'));
    expect(emulator.channelMessages(channel).some((m) => JSON.stringify(m.blocks ?? []).includes('From the shortcut'))).toBe(true);
    await post(url, '/api/view/close', { as: FEMKE });
    expect((await post(url, '/api/home/open', { as: FEMKE })).body).toEqual({ ok: true });
    await eventually(url, FEMKE, (s) => JSON.stringify(s.home?.blocks ?? []).includes('From the shortcut'));
    // A conversation that does not exist is refused before it reaches the app.
    expect((await post(url, '/api/shortcut', { as: FEMKE, channel: 'C0NOWHERE' })).status).toBe(403);
  });
});
