import WebSocket from 'ws';
import type { Json, SlackDriver } from '../../dev/emulator';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';

/**
 * Socket Mode, Slack's side, as a hand-written client sees it: the tokens
 * apps.connections.open takes, the single-use URL, hello, the envelopes and
 * their acks, redelivery and retries, disconnect, drops, pings. Bolt's own
 * client against it: socket-mode-bolt.test.ts.
 */

const { alice } = DEMO.users;

/** A hand-written Socket Mode client: every message it got, and a way to wait for the next of a type. */
interface Client {
  socket: WebSocket;
  messages: Json[];
  pings: number;
  closeCode: Promise<number>;
  next(type: string, after?: number): Promise<Json>;
  ack(envelopeId: string, payload?: Json): void;
}

let bench: SlackBench;
let driver: SlackDriver;
const clients: WebSocket[] = [];

async function openUrl(token: string): Promise<Json> {
  const response = await fetch(`${bench.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return (await response.json()) as Json;
}

async function connect(): Promise<Client> {
  const { url } = await openUrl(bench.appToken);
  const socket = new WebSocket(String(url));
  clients.push(socket);
  const client: Client = {
    socket,
    messages: [],
    pings: 0,
    closeCode: new Promise((resolve) => socket.on('close', (code) => resolve(code))),
    async next(type, after = 0) {
      return bench.emulator.waitFor(() => client.messages.slice(after).find((m) => m.type === type), 5000);
    },
    ack(envelopeId, payload) {
      socket.send(JSON.stringify({ envelope_id: envelopeId, ...(payload ? { payload } : {}) }));
    },
  };
  socket.on('message', (data: WebSocket.RawData) => client.messages.push(JSON.parse(data.toString()) as Json));
  socket.on('ping', () => (client.pings += 1));
  await client.next('hello');
  return client;
}

/** How many messages of a type the client got. */
const count = (client: Client, type: string): number => client.messages.filter((m) => m.type === type).length;

beforeEach(async () => {
  bench = await startSlackBench({ socketMode: { ackTimeoutMs: 400, eventRetryDelaysMs: [0, 50, 50], pingIntervalMs: 50, disconnectGraceMs: 300 } });
  driver = bench.socketDriver();
});

afterEach(async () => {
  for (const socket of clients.splice(0)) socket.terminate();
  await bench.stop();
});

describe('apps.connections.open', () => {
  it('takes the app-level token only, and the app-level token opens nothing else', async () => {
    expect(await openUrl(bench.appToken)).toEqual({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[\w-]+&app_id=A0INTERV$/) });
    expect(await openUrl(bench.botToken)).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect(await openUrl('xapp-1-A0OTHER-1-unknown')).toEqual({ ok: false, error: 'invalid_auth' });
    const post = await fetch(`${bench.apiUrl}chat.postMessage`, { method: 'POST', headers: { authorization: `Bearer ${bench.appToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ channel: DEMO.channel, text: 'hi' }) });
    expect(await post.json()).toEqual({ ok: false, error: 'not_allowed_token_type' });
  });

  it('hands out a URL good for one connection', async () => {
    const { url } = await openUrl(bench.appToken);
    const first = new WebSocket(String(url));
    clients.push(first);
    await new Promise((resolve) => first.once('message', resolve));
    const second = new WebSocket(String(url));
    const refused = await new Promise<string>((resolve) => second.once('unexpected-response', (_req, res) => resolve(String(res.statusCode))));
    expect(refused).toBe('401');
  });
});

describe('a connection', () => {
  it('is greeted with hello, naming the app and how many connections are open', async () => {
    const one = await connect();
    const two = await connect();
    expect(one.messages[0]).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0INTERV' }, debug_info: { host: expect.any(String) } });
    expect(two.messages[0]).toMatchObject({ type: 'hello', num_connections: 2 });
    expect(bench.emulator.socketMode.connections).toBe(2);
  });

  it('is pinged', async () => {
    const client = await connect();
    await bench.emulator.waitFor(() => client.pings >= 2);
  });
});

describe('envelopes', () => {
  it('carries a slash command with its fields; the ack payload is the reply the person sees', async () => {
    const client = await connect();
    const sent = bench.emulator.person(alice).command('/intervision', 'help');
    const envelope = await client.next('slash_commands');
    expect(envelope).toEqual({
      envelope_id: expect.any(String),
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: expect.objectContaining({ command: '/intervision', text: 'help', user_id: alice, channel_id: DEMO.channel, trigger_id: expect.any(String), response_url: expect.any(String) }),
    });
    client.ack(String(envelope.envelope_id), { text: 'Here is what I can do' });
    const response = await sent;
    expect(response).toMatchObject({ status: 200, body: { text: 'Here is what I can do' }, deliveries: 1 });
    expect(bench.emulator.ephemerals(alice).map((e) => e.text)).toEqual(['Here is what I can do']);
    expect(bench.emulator.socketMode.envelopes).toEqual([{ envelope_id: envelope.envelope_id, type: 'slash_commands', kind: '/intervision', connection: 1, acked: true }]);
  });

  it("carries a modal's submission; the ack's response_action is applied to the modal", async () => {
    const client = await connect();
    const view = { type: 'modal', callback_id: 'case', title: { type: 'plain_text', text: 'Case' }, submit: { type: 'plain_text', text: 'Send' }, blocks: [{ type: 'input', block_id: 'what', label: { type: 'plain_text', text: 'What' }, element: { type: 'plain_text_input', action_id: 'text' } }] };
    expect(bench.emulator.call('views.open', { trigger_id: bench.emulator.issueTrigger(alice), view: JSON.stringify(view) }).ok).toBe(true);
    const submitted = bench.emulator.person(alice).modal().submit();
    const envelope = await client.next('interactive');
    expect(envelope).toMatchObject({ type: 'interactive', accepts_response_payload: true, payload: { type: 'view_submission', view: { callback_id: 'case' } } });
    client.ack(String(envelope.envelope_id), { response_action: 'errors', errors: { what: 'Say a little more' } });
    expect((await submitted).errors).toEqual({ What: 'Say a little more' });
    expect(bench.emulator.openViews(alice)).toHaveLength(1);

    const again = bench.emulator.person(alice).modal().submit();
    client.ack(String((await client.next('interactive', client.messages.indexOf(envelope) + 1)).envelope_id));
    expect((await again).errors).toBeUndefined();
    expect(bench.emulator.openViews(alice)).toEqual([]);
  });

  it('carries an event with retry_attempt 0, and a button click without accepting a response payload', async () => {
    const client = await connect();
    const said = bench.emulator.person(alice).say(DEMO.channel, 'hello');
    const event = await client.next('events_api');
    expect(event).toEqual({
      envelope_id: expect.any(String),
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
      payload: expect.objectContaining({ type: 'event_callback', event_id: expect.stringMatching(/^Ev/), event: expect.objectContaining({ type: 'message', text: 'hello', user: alice }) }),
    });
    client.ack(String(event.envelope_id));
    expect((await said).ts).toEqual(expect.any(String));

    const posted = bench.emulator.call('chat.postMessage', { channel: DEMO.channel, text: 'Turn', blocks: JSON.stringify([{ type: 'actions', elements: [{ type: 'button', action_id: 'pass', text: { type: 'plain_text', text: 'I pass' } }] }]) });
    expect(posted.ok).toBe(true);
    const clicked = bench.emulator.person(alice).click('I pass');
    const click = await client.next('interactive');
    expect(click).toMatchObject({ accepts_response_payload: false, payload: { type: 'block_actions', actions: [{ action_id: 'pass' }] } });
    client.ack(String(click.envelope_id));
    expect((await clicked).status).toBe(200);
    expect(bench.emulator.violations).toEqual([]);
  });
});

describe('what goes wrong, as Slack plays it', () => {
  it('without a connection, a person’s request fails at once with dispatch_failed, which the person sees', async () => {
    const response = await bench.emulator.person(alice).command('/intervision', 'help');
    expect(response).toMatchObject({ status: 0, error: 'dispatch_failed', deliveries: 0 });
    expect(bench.emulator.violations).toEqual([expect.objectContaining({ source: 'command /intervision', error: 'dispatch_failed' })]);
    bench.emulator.violations.length = 0;
  });

  it('an unacked request is written again, the same envelope, on another connection when its own closes', async () => {
    const one = await connect();
    const two = await connect();
    const sent = bench.emulator.person(alice).command('/intervision', 'help');
    const [first, other] = await bench.emulator.waitFor(() => {
      const on = [one, two].find((c) => count(c, 'slash_commands') === 1);
      return on ? [on, on === one ? two : one] : undefined;
    });
    const envelope = await first.next('slash_commands');
    first.socket.terminate();
    const again = await other.next('slash_commands');
    expect(again).toEqual(envelope);
    other.ack(String(again.envelope_id));
    expect(await sent).toMatchObject({ status: 200, deliveries: 2 });
  });

  it('a request left unacked past the deadline is what the person sees as an error, and is not sent again', async () => {
    const client = await connect();
    const response = await bench.emulator.person(alice).command('/intervision', 'help');
    expect(response).toMatchObject({ status: 0, error: 'ack_timeout', deliveries: 1 });
    expect(response.ms).toBeGreaterThanOrEqual(400);
    expect(bench.emulator.violations).toEqual([expect.objectContaining({ error: 'ack_timeout' })]);
    bench.emulator.violations.length = 0;
    const second = await connect();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(count(client, 'slash_commands') + count(second, 'slash_commands')).toBe(1);
  });

  it('an event whose connection drops before the ack waits for the next connection and comes as retry 1: same event_id, new envelope', async () => {
    const one = await connect();
    const said = bench.emulator.person(alice).say(DEMO.channel, 'hello');
    const first = await one.next('events_api');
    one.socket.terminate();
    const two = await connect();
    const retry = await two.next('events_api');
    expect(retry).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
    expect(retry.envelope_id).not.toBe(first.envelope_id);
    expect((retry.payload as Json).event_id).toBe((first.payload as Json).event_id);
    two.ack(String(retry.envelope_id));
    await said;
    expect(bench.emulator.socketMode.envelopes.map((e) => [e.retry_attempt, e.connection, e.acked])).toEqual([
      [0, 1, false],
      [1, 2, true],
    ]);
    expect(bench.emulator.violations).toEqual([]);
  });

  it('an event the app leaves unacked is retried three times, then given up; Slack counts each slow attempt', async () => {
    const client = await connect();
    const response = await driver.event({ type: 'app_home_opened', user: alice, channel: 'D0HOME', tab: 'home' });
    expect(response).toMatchObject({ status: 0, error: 'undelivered', deliveries: 4 });
    expect(client.messages.filter((m) => m.type === 'events_api').map((m) => m.retry_attempt)).toEqual([0, 1, 2, 3]);
    expect(bench.emulator.violations.map((v) => v.error)).toEqual(['ack_timeout', 'undelivered']);
    bench.emulator.violations.length = 0;
  });

  it('a lost ack drops the connection it came on: the request is written again on the next, within the deadline', async () => {
    const one = await connect();
    const two = await connect();
    bench.emulator.socketMode.loseNextAck();
    const sent = bench.emulator.person(alice).command('/intervision', 'help');
    const [first, other] = await bench.emulator.waitFor(() => {
      const on = [one, two].find((c) => count(c, 'slash_commands') === 1);
      return on ? [on, on === one ? two : one] : undefined;
    });
    first.ack(String((await first.next('slash_commands')).envelope_id));
    expect(await first.closeCode).toBe(1006);
    other.ack(String((await other.next('slash_commands')).envelope_id));
    expect(await sent).toMatchObject({ status: 200, deliveries: 2 });
    expect(bench.emulator.socketMode).toMatchObject({ lostAcks: 1, dropped: 1 });
  });
});

describe('asking the app to reconnect', () => {
  it('sends disconnect with its reason, and closes the connection itself once the grace period is over', async () => {
    const client = await connect();
    expect(bench.emulator.socketMode.disconnect('warning')).toBe(1);
    expect(await client.next('disconnect')).toEqual({ type: 'disconnect', reason: 'warning', debug_info: { host: expect.any(String) } });
    expect(await client.closeCode).toBe(1006);
    expect(bench.emulator.socketMode.disconnects).toEqual([{ connection: 1, reason: 'warning' }]);
  });

  it('writes new envelopes to a fresh connection rather than one told to disconnect', async () => {
    const old = await connect();
    bench.emulator.socketMode.disconnect('refresh_requested');
    const fresh = await connect();
    for (let i = 0; i < 3; i += 1) {
      const said = bench.emulator.person(alice).say(DEMO.channel, `hello ${i}`);
      fresh.ack(String((await fresh.next('events_api', fresh.messages.length)).envelope_id));
      await said;
    }
    expect(count(old, 'events_api')).toBe(0);
  });

  it('drops every connection at once on drop(), without a close handshake', async () => {
    const client = await connect();
    expect(bench.emulator.socketMode.drop()).toBe(1);
    expect(await client.closeCode).toBe(1006);
    await bench.emulator.waitFor(() => bench.emulator.socketMode.connections === 0);
    expect(bench.emulator.socketMode.dropped).toBe(1);
  });
});
