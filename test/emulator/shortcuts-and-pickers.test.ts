import type { App } from '@slack/bolt';
import type { ModalView } from '@slack/web-api';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';
import { type TinyApp, startTinyBoltApp, startTinySocketApp } from './tiny-bolt-app';

const { alice } = DEMO.users;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
/** A form with a channel picker, as an app opens it from a global shortcut. */
const pickerModal = (over: Record<string, unknown> = {}): ModalView => ({
  type: 'modal',
  callback_id: 'start',
  title: plain('Start'),
  submit: plain('Create'),
  blocks: [
    {
      type: 'input',
      block_id: 'channel',
      label: plain('Channel'),
      element: { type: 'conversations_select', action_id: 'channel', filter: { include: ['public', 'private'] }, default_to_current_conversation: true, ...over },
    },
  ],
});

let bench: SlackBench;
const heard: Array<{ kind: string; body: unknown }> = [];

/** Opens the picker form on the shortcut, and records what each submission says was picked. */
function register(app: App): void {
  app.shortcut('start', async ({ ack, body, client }) => {
    await ack();
    heard.push({ kind: 'shortcut', body });
    await client.views.open({ trigger_id: body.trigger_id, view: pickerModal() });
  });
  app.view('start', async ({ ack, view }) => {
    heard.push({ kind: 'picked', body: view.state.values.channel?.channel?.selected_conversation ?? null });
    await ack();
  });
}

beforeEach(async () => {
  heard.length = 0;
  bench = await startSlackBench();
});

afterEach(async () => {
  expect(bench.emulator.violations).toEqual([]);
  await bench.stop();
});

describe('global shortcuts and conversation pickers', () => {
  let tiny: TinyApp;
  beforeEach(async () => {
    tiny = await startTinyBoltApp(bench, register);
    bench.driver(tiny.requestUrl);
  });
  afterEach(() => tiny.stop());

  it("a global shortcut reaches Bolt's app.shortcut with a trigger_id that opens a modal; its payload names no channel", async () => {
    const used = await bench.emulator.person(alice).shortcut('start');
    expect(used.status).toBe(200);
    await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
    expect(heard[0]?.body).toMatchObject({ type: 'shortcut', callback_id: 'start', trigger_id: used.triggerId, user: { id: alice }, team: { id: DEMO.team } });
    expect(heard[0]?.body).not.toHaveProperty('channel');
    // Used from nowhere in particular: the picker starts empty.
    const { response } = await bench.emulator.person(alice).modal().submit();
    expect(response.status).toBe(200);
    expect(heard[1]).toEqual({ kind: 'picked', body: null });
  });

  it('used in a channel, a picker with default_to_current_conversation starts there; one the person picks replaces it', async () => {
    await bench.emulator.person(alice).shortcut('start', DEMO.channel);
    await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
    await bench.emulator.person(alice).modal().submit();
    expect(heard[1]).toEqual({ kind: 'picked', body: DEMO.channel });

    await bench.emulator.person(alice).shortcut('start', DEMO.channel);
    await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
    await bench.emulator.person(alice).modal().pickConversation('Channel', 'peer-group');
    await bench.emulator.person(alice).modal().submit();
    expect(heard[3]).toEqual({ kind: 'picked', body: DEMO.private });
  });

  it('a conversation the filter leaves out (a direct message) is not preselected, and a private channel is only for its members', async () => {
    const dm = bench.emulator.ws.dmWith(alice).id;
    await bench.emulator.person(alice).shortcut('start', dm);
    await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
    await bench.emulator.person(alice).modal().submit();
    expect(heard[1]).toEqual({ kind: 'picked', body: null });
    await expect(bench.emulator.person(DEMO.users.carol).shortcut('start', DEMO.private)).rejects.toThrow(/private/);
  });
});

describe('over Socket Mode', () => {
  it('a global shortcut arrives as an interactive envelope and its trigger opens the modal', async () => {
    const tiny = await startTinySocketApp(bench, register);
    bench.socketDriver();
    try {
      const used = await bench.emulator.person(alice).shortcut('start', DEMO.channel);
      expect(used.status).toBe(200);
      await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
      expect(bench.emulator.socketMode.envelopes).toEqual([expect.objectContaining({ type: 'interactive', kind: 'shortcut', acked: true })]);
    } finally {
      await tiny.stop();
    }
  });
});
