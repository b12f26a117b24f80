import type { App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/web-api';
import type { SlackDriver } from '../../dev/emulator';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';
import { type TinyApp, startTinySocketApp } from './tiny-bolt-app';

/**
 * Bolt's own Socket Mode client (@slack/socket-mode, on undici's WebSocket)
 * against the emulator: it opens its connection with the app-level token,
 * gets each kind of envelope, acks with payloads Slack applies, and
 * reconnects when asked to.
 */

const { alice } = DEMO.users;
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const caseModal = (over: Partial<ModalView> = {}): ModalView => ({
  type: 'modal',
  callback_id: 'new_case',
  title: plain('Your case'),
  submit: plain('Share'),
  blocks: [{ type: 'input', block_id: 'case', label: plain('Case'), element: { type: 'plain_text_input', action_id: 'text', multiline: true } }],
  ...over,
});

let bench: SlackBench;
let tiny: Omit<TinyApp, 'requestUrl'>;
let driver: SlackDriver;
const heard: Array<{ kind: string; body: unknown; retryNum?: number | undefined }> = [];

function register(app: App): void {
  app.command('/intervision', async ({ ack, command, body }: SlackCommandMiddlewareArgs) => {
    heard.push({ kind: 'command', body });
    if (command.text === 'new') {
      await ack();
      await app.client.views.open({ trigger_id: command.trigger_id, view: caseModal() });
    } else await ack(`Hello ${command.user_name}`);
  });
  app.action('pass', async ({ ack, body, respond }) => {
    await ack();
    heard.push({ kind: 'action', body });
    await respond({ replace_original: true, text: 'You passed' });
  });
  app.view('new_case', async ({ ack, view }) => {
    const text = view.state.values.case?.text?.value ?? '';
    if (text.length < 5) await ack({ response_action: 'errors', errors: { case: 'Tell a little more' } });
    else if (text === 'push it') await ack({ response_action: 'push', view: caseModal({ callback_id: 'details', title: plain('Details') }) });
    else await ack();
  });
  app.event('app_home_opened', async ({ context, body }) => {
    heard.push({ kind: 'event', body, retryNum: context.retryNum });
  });
}

beforeEach(async () => {
  heard.length = 0;
  bench = await startSlackBench();
  tiny = await startTinySocketApp(bench, register);
  driver = bench.socketDriver();
});

afterEach(async () => {
  await tiny.stop();
  await bench.stop();
  expect(bench.emulator.violations).toEqual([]);
});

it('opens its connection through apps.connections.open with the app-level token', () => {
  expect(bench.emulator.calls('apps.connections.open')).toEqual([expect.objectContaining({ ok: true, status: 200 })]);
  expect(bench.emulator.socketMode.opened).toBe(1);
  expect(bench.emulator.socketMode.connections).toBe(1);
});

it('a slash command arrives, and the text it acks with shows to the person as an ephemeral reply', async () => {
  const response = await bench.emulator.person(alice).command('/intervision', 'hello');
  expect(response).toMatchObject({ status: 200, body: { text: 'Hello alice' }, deliveries: 1 });
  expect(heard[0]?.body).toMatchObject({ command: '/intervision', text: 'hello', user_id: alice, channel_id: DEMO.channel, team_id: DEMO.team });
  expect(bench.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['Hello alice']);
});

it("a modal's response_action travels in the envelope's ack: errors keep it open, push stacks a view, a plain ack closes it", async () => {
  const alicePerson = bench.emulator.person(alice);
  await alicePerson.command('/intervision', 'new');
  await bench.emulator.waitFor(() => bench.emulator.openViews(alice).length === 1);
  await alicePerson.modal().fill('Case', 'hm');
  expect((await alicePerson.modal().submit()).errors).toEqual({ Case: 'Tell a little more' });
  await alicePerson.modal().fill('Case', 'push it');
  expect((await alicePerson.modal().submit()).response.responseAction).toBe('push');
  expect(bench.emulator.openViews(alice).map((v) => v.callback_id)).toEqual(['new_case', 'details']);
  await alicePerson.modal().close();
  await alicePerson.modal().fill('Case', 'A case worth telling');
  expect((await alicePerson.modal().submit()).errors).toBeUndefined();
  expect(bench.emulator.openViews(alice)).toEqual([]);
});

it("a click's respond() replaces the message through its response_url", async () => {
  await tiny.app.client.chat.postMessage({ channel: DEMO.channel, text: 'Your turn', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'pass', text: plain('I pass') }] }] });
  expect((await bench.emulator.person(alice).click('I pass')).status).toBe(200);
  await bench.emulator.waitFor(() => bench.emulator.channelMessages(DEMO.channel)[0]?.text === 'You passed');
});

it('an event arrives with retry_attempt 0, which Bolt passes on as retryNum 0; a retry of it as 1, with the same event_id', async () => {
  const first = await driver.event({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' });
  await driver.deliver(first.envelope, { num: 1 });
  await bench.emulator.waitFor(() => heard.length === 2);
  expect(heard.map((h) => h.retryNum)).toEqual([0, 1]);
  expect(heard.map((h) => (h.body as { event_id: string }).event_id)).toEqual([first.envelope.event_id, first.envelope.event_id]);
});

it('reconnects through apps.connections.open after disconnect (refresh_requested), and after a dropped socket', async () => {
  const hub = bench.emulator.socketMode;
  hub.disconnect('refresh_requested');
  await bench.emulator.waitFor(() => hub.opened === 2 && hub.connections === 1, 15_000);
  hub.drop();
  await bench.emulator.waitFor(() => hub.opened === 3 && hub.connections === 1, 15_000);
  expect(bench.emulator.calls('apps.connections.open')).toHaveLength(3);
  expect((await bench.emulator.person(alice).command('/intervision', 'hello')).status).toBe(200);
  expect(hub.envelopes.at(-1)).toMatchObject({ type: 'slash_commands', connection: 3, acked: true });
}, 40_000);
