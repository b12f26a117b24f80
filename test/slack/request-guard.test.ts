/**
 * The request guard's two pure judgements: whether a request is signed by
 * Slack just now (a timestamp from the future is refused like one from the
 * past), and whether a parsed body is shaped so Bolt can route it without
 * throwing. The running bot's answers (401, 400, never 500) are proven in
 * test/e2e/hardening-requests.test.ts and fuzz-payloads.test.ts.
 */
import { SlackEmulator, signRequest } from '../../dev/emulator';
import { blockActionsPayload, commandFields, eventEnvelope, viewClosedPayload, viewSubmissionPayload } from '../../dev/emulator/driver-payloads';
import type { EmuView, Json } from '../../dev/emulator';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { guardRequestBodies, signatureProblem } from '../../src/slack/request-guard';
import { brokenShape } from '../../src/slack/request-shape';
import { seedDemoWorkspace, DEMO } from '../support/slack';

const SECRET = 'guard-test-secret';
const NOW = Date.UTC(2025, 5, 2, 9);
const body = Buffer.from('payload=%7B%7D');

function headers(stampSeconds: number, secret = SECRET): Record<string, string> {
  return { 'x-slack-request-timestamp': String(stampSeconds), 'x-slack-signature': signRequest(secret, stampSeconds, body.toString()) };
}

describe('signed just now', () => {
  const now = Math.floor(NOW / 1000);

  it('a request signed now, or up to five minutes before or after, is signed', () => {
    for (const skew of [0, -300, 300, -1, 1]) expect({ skew, problem: signatureProblem(body, headers(now + skew), SECRET, NOW) }).toEqual({ skew, problem: undefined });
  });

  it('a timestamp more than five minutes in the future is refused, like one more than five minutes old', () => {
    for (const skew of [301, 360, 3600, 86_400 * 365]) expect(signatureProblem(body, headers(now + skew), SECRET, NOW)).toBe('timestamp');
    for (const skew of [-301, -3600]) expect(signatureProblem(body, headers(now + skew), SECRET, NOW)).toBe('timestamp');
  });

  it('a timestamp that is not a whole number of seconds is refused', () => {
    for (const stamp of ['', 'soon', `${now}.5`, '-1', `${now} `, '1e9']) {
      expect(signatureProblem(body, { 'x-slack-request-timestamp': stamp, 'x-slack-signature': signRequest(SECRET, now, body.toString()) }, SECRET, NOW)).toBe('timestamp');
    }
  });

  it('a wrong secret, a changed body or a missing header is refused', () => {
    expect(signatureProblem(body, headers(now, 'another-secret'), SECRET, NOW)).toBe('signature');
    expect(signatureProblem(Buffer.from('payload=%7B%22a%22%3A1%7D'), headers(now), SECRET, NOW)).toBe('signature');
    expect(signatureProblem(body, { 'x-slack-request-timestamp': String(now) }, SECRET, NOW)).toBe('missing');
    expect(signatureProblem(body, { 'x-slack-signature': 'v0=00' }, SECRET, NOW)).toBe('missing');
  });
});

describe("bodies shaped like Slack's", () => {
  const emulator = new SlackEmulator();
  seedDemoWorkspace(emulator);
  const { alice } = DEMO.users;
  const message = emulator.ws.insertMessage(DEMO.channel, DEMO.bot, { text: 'card', blocks: [] });
  const view: EmuView = {
    id: 'V0TEST',
    team_id: DEMO.team,
    type: 'modal',
    user: alice,
    blocks: [{ type: 'input', block_id: 'text', label: { type: 'plain_text', text: 'Your question' }, element: { type: 'plain_text_input', action_id: 'text' } }],
    private_metadata: 's1|3',
    callback_id: 'iv_input',
    external_id: '',
    state: { values: { text: { text: { type: 'plain_text_input', value: 'A question' } } } },
    hash: 'h',
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: '',
    previous_view_id: null,
    app_id: 'A0INTERV',
    bot_id: 'B0BOT',
    app_installed_team_id: DEMO.team,
  };
  const click = (): Json => blockActionsPayload(emulator, { user: alice, source: { kind: 'message', channel: DEMO.channel, ts: message.ts }, action: { type: 'button', action_id: 'iv_pass', value: 's1|3' }, triggerId: 't1' });
  const submission = (): Json => viewSubmissionPayload(emulator, alice, view, 't2');
  const command = (): Record<string, string> => commandFields(emulator, { user: alice, channel: DEMO.channel, command: '/intervision', text: 'new', triggerId: 't3', responseUrl: 'https://hooks.example/1' });
  const event = (): Json => eventEnvelope(emulator, { type: 'message', user: alice, channel: DEMO.channel, text: 'typed', ts: '1.000200', thread_ts: '1.000100' });

  it('everything Slack sends passes: clicks, submissions, closed modals, commands, events, and the handshakes Bolt answers itself', () => {
    const good: unknown[] = [
      click(),
      submission(),
      viewClosedPayload(emulator, alice, view, false),
      command(),
      event(),
      eventEnvelope(emulator, { type: 'user_change', user: { id: alice, deleted: true } }),
      eventEnvelope(emulator, { type: 'channel_created', channel: { id: 'C0NEW', creator: alice } }),
      { ...click(), team: null, user: { id: alice, team_id: DEMO.team } },
      { ssl_check: '1', token: 'x' },
      { type: 'url_verification', challenge: 'abc' },
      { type: 'app_rate_limited', team_id: DEMO.team, minute_rate_limited: 1 },
    ];
    for (const item of good) expect(brokenShape(item)).toBeUndefined();
  });

  const broken: Array<[string, () => unknown, string]> = [
    ['a body that is not an object', () => [click()], 'unknown'],
    ['an interaction without a type Bolt knows', () => ({ ...click(), type: 'shortcut_2', actions: undefined }), 'unknown'],
    ['a click without a user', () => ({ ...click(), user: undefined }), 'actions'],
    ['a click whose user is null', () => ({ ...click(), user: null }), 'actions'],
    ['a click without a team', () => ({ ...click(), team: undefined }), 'actions'],
    ['a click whose team id is __proto__', () => ({ ...click(), team: { id: '__proto__' } }), 'actions'],
    ['a click whose actions are not a list', () => ({ ...click(), actions: { action_id: 'iv_pass' } }), 'actions'],
    ['a click with no action', () => ({ ...click(), actions: [] }), 'actions'],
    ['a click whose action is null', () => ({ ...click(), actions: [null] }), 'actions'],
    ['a click whose channel is null', () => ({ ...click(), channel: null }), 'actions'],
    ['a submission without a view', () => ({ ...submission(), view: undefined }), 'view'],
    ['a submission whose view is null', () => ({ ...submission(), view: null }), 'view'],
    ['a submission whose view has no state', () => ({ ...submission(), view: { ...(submission().view as Json), state: undefined } }), 'view'],
    ['a submission whose state values are not fields', () => ({ ...submission(), view: { ...(submission().view as Json), state: { values: { text: 'x' } } } }), 'view'],
    ['a submission whose callback id is a number', () => ({ ...submission(), view: { ...(submission().view as Json), callback_id: 7 } }), 'view'],
    ['a submission whose private_metadata is not text', () => ({ ...submission(), view: { ...(submission().view as Json), private_metadata: { seq: 1 } } }), 'view'],
    ['a submission without a user', () => ({ ...submission(), user: undefined }), 'view'],
    ['a command sent twice over', () => ({ ...command(), command: ['/intervision', '/intervision'] }), 'command'],
    ['a command without a team', () => ({ ...command(), team_id: undefined }), 'command'],
    ['a command without a user', () => ({ ...command(), user_id: undefined }), 'command'],
    ['an event that is a number', () => ({ ...event(), event: -1e308 }), 'event'],
    ['an event that is null', () => ({ ...event(), event: null }), 'event'],
    ['an event whose user is null', () => ({ ...event(), event: { type: 'message', user: null } }), 'event'],
    ['an event whose channel is null', () => ({ ...event(), event: { type: 'message', channel: null } }), 'event'],
    ['an event without a type', () => ({ ...event(), event: { user: alice } }), 'event'],
    ['an envelope whose authorization is null', () => ({ ...event(), authorizations: [null] }), 'event'],
    ['an envelope without a team', () => ({ ...event(), team_id: undefined }), 'event'],
  ];

  it.each(broken)('%s is broken', (_what, make, kind) => {
    expect(brokenShape(make())).toBe(kind);
  });
});

describe('the guard in front of Bolt', () => {
  /** A server whose inner listener (Bolt's place) answers 200 "reached"; the guard in front. */
  async function guarded(): Promise<{ port: number; reached: string[]; close: () => Promise<void> }> {
    const reached: string[] = [];
    const inner: http.RequestListener = (req, res) => {
      reached.push(req.url ?? '');
      res.writeHead(200);
      res.end('reached');
    };
    const logger = pino({ level: 'silent' });
    const server = http.createServer(guardRequestBodies(inner, logger, { signingSecret: SECRET }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return { port, reached, close: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  /** Sends an unsigned POST with the path written exactly as given (no client normalises it). */
  function post(port: number, path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{"type":"event_callback"}');
    });
  }

  it('guards every spelling of the request URL that Bolt routes as /slack/events; other paths pass', async () => {
    const server = await guarded();
    try {
      for (const path of ['/slack/events', '/slack/events?x=1', '/slack/events#x', '/slack/./events', '/slack/x/../events']) {
        expect([path, await post(server.port, path)]).toEqual([path, 401]);
      }
      expect(server.reached).toEqual([]);
      expect(await post(server.port, '/healthz')).toBe(200);
      expect(server.reached).toEqual(['/healthz']);
    } finally {
      await server.close();
    }
  });
});
