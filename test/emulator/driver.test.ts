import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/web-api';
import type { SlackDriver } from '../../dev/emulator';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';
import { type TinyApp, startTinyBoltApp } from './tiny-bolt-app';

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
let tiny: TinyApp;
let driver: SlackDriver;
const heard: Array<{ kind: string; body: unknown; retryNum?: number | undefined }> = [];

/** The listeners of the tiny app, written the way the bot will write its own. */
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
  app.view('steps', async ({ ack, view }) => {
    const text = view.state.values.case?.text?.value ?? '';
    if (text === 'next') await ack({ response_action: 'update', view: caseModal({ callback_id: 'steps', title: plain('Step 2') }) });
    else await ack({ response_action: 'clear' });
  });
  app.action('dismiss', async ({ ack, body, respond }) => {
    await ack();
    heard.push({ kind: 'action', body });
    await respond({ replace_original: true, text: 'Dismissed' });
  });
  app.view({ callback_id: 'new_case', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    heard.push({ kind: 'closed', body });
  });
  app.event('app_home_opened', async ({ context, body }) => {
    heard.push({ kind: 'event', body, retryNum: context.retryNum });
  });
}

beforeEach(async () => {
  heard.length = 0;
  bench = await startSlackBench();
  tiny = await startTinyBoltApp(bench, register);
  driver = bench.driver(tiny.requestUrl);
});

afterEach(async () => {
  await tiny.stop();
  await bench.stop();
});

describe('signed requests, checked by Bolt itself', () => {
  it('a signed slash command reaches the handler, and its ack text shows to the person as an ephemeral reply', async () => {
    const response = await driver.command({ user: alice, channel: DEMO.channel, command: '/intervision', text: 'hello' });
    expect(response.status).toBe(200);
    expect(heard[0]?.body).toMatchObject({ command: '/intervision', text: 'hello', user_id: alice, user_name: 'alice', channel_id: DEMO.channel, channel_name: 'intervision', team_id: DEMO.team });
    expect(bench.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['Hello alice']);
  });

  it('a forged signature is refused with 401 and never reaches the handler', async () => {
    expect((await driver.forged('bad-signature').command({ user: alice, channel: DEMO.channel, command: '/intervision' })).status).toBe(401);
    expect(heard).toEqual([]);
  });

  it('a timestamp older than five minutes is refused with 401', async () => {
    expect((await driver.forged('stale-timestamp').command({ user: alice, channel: DEMO.channel, command: '/intervision' })).status).toBe(401);
    expect(heard).toEqual([]);
  });

  it('a request without signature headers is refused with 401', async () => {
    expect((await driver.forged('missing-headers').command({ user: alice, channel: DEMO.channel, command: '/intervision' })).status).toBe(401);
    expect(heard).toEqual([]);
  });

  it('answers Slack’s url_verification and ssl_check the way Bolt does', async () => {
    const verification = await driver.urlVerification('c-123');
    expect(verification).toMatchObject({ status: 200, body: { challenge: 'c-123' } });
    expect((await driver.sslCheck()).status).toBe(200);
  });
});

describe('interactions as Slack sends them', () => {
  it('a button click on a message carries the message and a response_url that replaces it', async () => {
    const posted = await tiny.app.client.chat.postMessage({
      channel: DEMO.channel,
      text: 'Your turn',
      blocks: [{ type: 'actions', block_id: 'turn', elements: [{ type: 'button', action_id: 'pass', text: plain('I pass'), value: 'seq-3' }] }],
    });
    const ts = posted.ts as string;
    const response = await driver.blockAction({
      user: alice,
      source: { kind: 'message', channel: DEMO.channel, ts },
      action: { type: 'button', action_id: 'pass', block_id: 'turn', text: plain('I pass'), value: 'seq-3' },
    });
    expect(response.status).toBe(200);
    expect(heard[0]?.body).toMatchObject({
      type: 'block_actions',
      user: { id: alice },
      container: { type: 'message', message_ts: ts, channel_id: DEMO.channel, is_ephemeral: false },
      channel: { id: DEMO.channel, name: 'intervision' },
      message: { ts, text: 'Your turn' },
      actions: [{ action_id: 'pass', block_id: 'turn', value: 'seq-3', type: 'button' }],
      response_url: expect.stringMatching(/\/response\//),
      trigger_id: expect.any(String),
    });
    await bench.emulator.waitFor(() => bench.emulator.channelMessages(DEMO.channel)[0]?.text === 'You passed');
  });

  it('a modal opened from a command shows validation errors, and a good submission closes it', async () => {
    await driver.command({ user: alice, channel: DEMO.channel, command: '/intervision', text: 'new' });
    const view = await bench.emulator.waitFor(() => bench.emulator.ws.modalStack(alice)[0]);

    view.state.values = { case: { text: { type: 'plain_text_input', value: 'hm' } } };
    const refused = await driver.submitView(alice);
    expect(refused).toMatchObject({ status: 200, responseAction: 'errors', errors: { case: 'Tell a little more' } });
    expect(bench.emulator.openViews(alice)).toHaveLength(1);

    view.state.values = { case: { text: { type: 'plain_text_input', value: 'A case worth telling' } } };
    const accepted = await driver.submitView(alice);
    expect(accepted.status).toBe(200);
    expect(accepted.responseAction).toBeUndefined();
    expect(bench.emulator.openViews(alice)).toEqual([]);
  });

  it('a response_action push puts a second view on the stack', async () => {
    await tiny.app.client.views.open({ trigger_id: bench.emulator.issueTrigger(alice), view: caseModal() });
    const [view] = bench.emulator.ws.modalStack(alice);
    if (!view) throw new Error('no modal');
    view.state.values = { case: { text: { type: 'plain_text_input', value: 'push it' } } };
    expect(await driver.submitView(alice)).toMatchObject({ responseAction: 'push' });
    expect(bench.emulator.openViews(alice).map((v) => v.callback_id)).toEqual(['new_case', 'details']);
    expect(bench.emulator.openViews(alice)[1]).toMatchObject({ previous_view_id: view.id, root_view_id: view.id });
  });

  it('a response_action update replaces the view in place, and clear closes the whole stack', async () => {
    await tiny.app.client.views.open({ trigger_id: bench.emulator.issueTrigger(alice), view: caseModal({ callback_id: 'steps' }) });
    const [first] = bench.emulator.ws.modalStack(alice);
    if (!first) throw new Error('no modal');
    first.state.values = { case: { text: { type: 'plain_text_input', value: 'next' } } };
    expect(await driver.submitView(alice)).toMatchObject({ responseAction: 'update' });
    const [updated] = bench.emulator.openViews(alice);
    expect(updated).toMatchObject({ id: first.id, title: { text: 'Step 2' } });
    // Slack keeps what the person typed when block_id and action_id stay the same.
    expect(updated?.state).toEqual({ values: { case: { text: { type: 'plain_text_input', value: 'next' } } } });
    expect(updated?.hash).not.toBe(first.hash);

    await tiny.app.client.views.push({ trigger_id: bench.emulator.issueTrigger(alice), view: caseModal({ callback_id: 'steps', title: plain('Pushed') }) });
    const top = bench.emulator.ws.modalStack(alice)[1];
    if (!top) throw new Error('no pushed modal');
    top.state.values = { case: { text: { type: 'plain_text_input', value: 'done' } } };
    expect(await driver.submitView(alice)).toMatchObject({ responseAction: 'clear' });
    expect(bench.emulator.openViews(alice)).toEqual([]);
  });

  it('a click in an ephemeral message says so in its container, and respond() replaces that ephemeral', async () => {
    await tiny.app.client.chat.postEphemeral({
      channel: DEMO.channel,
      user: alice,
      text: 'Only you can see this',
      blocks: [{ type: 'actions', block_id: 'note', elements: [{ type: 'button', action_id: 'dismiss', text: plain('Dismiss') }] }],
    });
    const [eph] = bench.emulator.ephemerals(alice);
    if (!eph) throw new Error('no ephemeral');
    await driver.blockAction({ user: alice, source: { kind: 'ephemeral', id: eph.id }, action: { type: 'button', action_id: 'dismiss', block_id: 'note', text: plain('Dismiss') } });
    await bench.emulator.waitFor(() => bench.emulator.ephemerals(alice)[0]?.text === 'Dismissed');
    expect(bench.emulator.ephemerals(alice)).toHaveLength(1);
    expect(heard[0]?.body).toMatchObject({ container: { type: 'message', message_ts: eph.ts, channel_id: DEMO.channel, is_ephemeral: true } });
    expect(heard[0]?.body).not.toHaveProperty('message');
  });

  it('closing a modal that asked for notify_on_close sends view_closed', async () => {
    const trigger = bench.emulator.issueTrigger(alice);
    await tiny.app.client.views.open({ trigger_id: trigger, view: caseModal({ notify_on_close: true }) });
    await driver.closeView(alice);
    expect(bench.emulator.openViews(alice)).toEqual([]);
    expect(heard[0]).toMatchObject({ kind: 'closed', body: { type: 'view_closed', is_cleared: false, view: { callback_id: 'new_case' } } });
  });

  it('delivers events in Events API envelopes, and retries carry X-Slack-Retry-Num into context.retryNum', async () => {
    await driver.event({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' });
    await driver.event({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' }, { num: 1 });
    // Bolt acks events before its listeners run, so wait for both to be heard.
    await bench.emulator.waitFor(() => heard.length === 2);
    expect(heard.map((h) => h.retryNum)).toEqual([undefined, 1]);
    expect(heard[0]?.body).toMatchObject({ type: 'event_callback', team_id: DEMO.team, event: { type: 'app_home_opened', user: alice }, authorizations: [{ user_id: DEMO.bot, is_bot: true }] });
  });

  it("retries an event as Slack does: the same envelope and event_id again, with X-Slack-Retry-Num; a new event gets a new event_id", async () => {
    const first = await driver.event({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' });
    await driver.deliver(first.envelope, { num: 1 });
    await driver.deliver(first.envelope, { num: 2, reason: 'http_error' });
    await driver.event({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' });
    await bench.emulator.waitFor(() => heard.length === 4);
    expect(heard.map((h) => h.retryNum)).toEqual([undefined, 1, 2, undefined]);
    const ids = heard.map((h) => (h.body as { event_id?: unknown }).event_id);
    expect(ids[0]).toBe(first.envelope.event_id);
    expect(ids.slice(1, 3)).toEqual([ids[0], ids[0]]);
    expect(ids[3]).not.toBe(ids[0]);
    expect(heard.slice(1, 3).map((h) => h.body)).toEqual([heard[0]?.body, heard[0]?.body]);
  });
});

describe('what Slack would show as an error', () => {
  it('records an app that answers an interaction with an error status', async () => {
    const broken = createServer((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/slack/events`;
    const response = await bench.driver(url).command({ user: alice, channel: DEMO.channel, command: '/intervision' });
    broken.closeAllConnections();
    await new Promise((resolve) => broken.close(resolve));
    expect(response.status).toBe(500);
    expect(bench.emulator.violations).toEqual([expect.objectContaining({ source: 'command /intervision', error: 'app_error' })]);
    bench.emulator.violations.length = 0;
  });
});

afterEach(() => {
  expect(bench.emulator.violations).toEqual([]);
});
