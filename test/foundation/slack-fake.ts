/**
 * A tiny stand-in for Slack for the foundation tests: a Web API that answers
 * auth.test and records every call, and signed requests to the bot's
 * /slack/events. (The full emulator in src/emulator serves the session tests.)
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  path: string;
  body: string;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL, ending in "/api/". */
  apiUrl: string;
  /** A URL that records what is posted to it, for response_url. */
  responseUrl: string;
  calls: RecordedCall[];
  close(): Promise<void>;
}

/**
 * Starts the fake Web API on a free port; `authError` makes auth.test fail with
 * that code, `connectionsError` does the same for apps.connections.open (Socket Mode).
 */
export async function startFakeSlack(options: { authError?: string; connectionsError?: string } = {}): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      calls.push({ path, body });
      res.setHeader('Content-Type', 'application/json');
      if (path === '/api/auth.test') {
        res.end(JSON.stringify(options.authError ? { ok: false, error: options.authError } : { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' }));
        return;
      }
      if (path === '/api/apps.connections.open') {
        res.end(JSON.stringify({ ok: false, error: options.connectionsError ?? 'not_implemented_here' }));
        return;
      }
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    responseUrl: `http://127.0.0.1:${port}/respond/1`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Slack's request signature: HMAC-SHA256 over "v0:{timestamp}:{body}". */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** Posts a slash command to the bot as Slack would, signed with `secret`. */
export async function postCommand(port: number, secret: string, fields: Record<string, string>): Promise<Response> {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: 'C1',
    channel_name: 'intervision',
    user_id: 'U1',
    user_name: 'alice',
    command: '/intervision',
    text: '',
    api_app_id: 'A1',
    response_url: 'https://hooks.slack.invalid/commands/1',
    trigger_id: '1.2.3',
    ...fields,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': sign(secret, timestamp, body),
    },
    body,
  });
}
