/**
 * The emulator's Slack for an app any workspace installs: the consent page
 * redirects back with a code and the state, oauth.v2.access turns a code (or
 * a refresh token) into a bot token that only its own workspace accepts, and
 * an uninstall revokes the tokens and tells the app. Each answer as Slack
 * documents it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { BotTokens } from '../../dev/emulator';
import { errorOf } from '../support/slack';
import { APP, TEAMS, type TwoWorkspaces, startTwoWorkspaces } from '../support/workspaces';

const REDIRECT = 'http://127.0.0.1:9/slack/oauth_redirect';

/** Follows the consent page as a browser would, without following the redirect back. */
async function consent(slack: TwoWorkspaces, query: Record<string, string>): Promise<{ status: number; location: URL | undefined; text: string }> {
  const url = new URL('../oauth/v2/authorize', slack.cloud.apiUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location) : undefined, text: await response.text() };
}

const noToken = (slack: TwoWorkspaces) => new WebClient(undefined, { slackApiUrl: slack.cloud.apiUrl, retryConfig: { retries: 0 } });
const asBot = (slack: TwoWorkspaces, token: string) => new WebClient(token, { slackApiUrl: slack.cloud.apiUrl, retryConfig: { retries: 0 } });

/** Installs the app in `team` by the consent page and the code exchange; the answer of oauth.v2.access. */
async function install(slack: TwoWorkspaces, team: string): Promise<Record<string, unknown>> {
  slack.cloud.signIn(team, 'U0ALICE');
  const { location } = await consent(slack, { client_id: APP.clientId, scope: 'commands,chat:write', state: 's1' });
  const code = location?.searchParams.get('code') ?? '';
  return (await noToken(slack).oauth.v2.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code })) as unknown as Record<string, unknown>;
}

describe('installing an app in emulated workspaces', () => {
  let slack: TwoWorkspaces;

  beforeEach(async () => {
    slack = await startTwoWorkspaces({ redirectUrls: [REDIRECT] });
  });

  afterEach(async () => {
    await slack.stop();
  });

  it('the consent page sends the browser back to the redirect URL with a code and the same state', async () => {
    slack.cloud.signIn(TEAMS.b.id, 'U0BOB');
    const { status, location } = await consent(slack, { client_id: APP.clientId, scope: 'commands', state: 'opaque-state', redirect_uri: REDIRECT });
    expect(status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('opaque-state');
    expect(location?.searchParams.get('code')).toMatch(/^code-/);
  });

  it("refuses an unknown client, a redirect URL the app did not register and no scope; a person's Cancel comes back as access_denied", async () => {
    slack.cloud.signIn(TEAMS.a.id, 'U0ALICE');
    expect(await consent(slack, { client_id: '9.9', scope: 'commands' })).toMatchObject({ status: 400, text: expect.stringContaining('invalid_client_id') });
    expect(await consent(slack, { client_id: APP.clientId, scope: 'commands', redirect_uri: 'https://evil.example/cb' })).toMatchObject({ status: 400, text: expect.stringContaining('bad_redirect_uri') });
    expect(await consent(slack, { client_id: APP.clientId, scope: '' })).toMatchObject({ status: 400, text: expect.stringContaining('invalid_scope') });
    slack.cloud.oauth.decline();
    const declined = await consent(slack, { client_id: APP.clientId, scope: 'commands', state: 's2' });
    expect(declined.location?.searchParams.get('error')).toBe('access_denied');
    expect(declined.location?.searchParams.get('code')).toBeNull();
  });

  it('a code is good once, with the right secret, for a token only its own workspace accepts', async () => {
    slack.cloud.signIn(TEAMS.b.id, 'U0BOB');
    const { location } = await consent(slack, { client_id: APP.clientId, scope: 'commands', redirect_uri: REDIRECT });
    const code = location?.searchParams.get('code') ?? '';
    const client = noToken(slack);
    expect(await errorOf(client.oauth.v2.access({ client_id: APP.clientId, client_secret: 'wrong', code }))).toBe('bad_client_secret');
    expect(await errorOf(client.oauth.v2.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: 'http://127.0.0.1:9/other' }))).toBe('bad_redirect_uri');
    // Tried with the wrong redirect URL, the code is spent (stricter than Slack says).
    expect(await errorOf(client.oauth.v2.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code, redirect_uri: REDIRECT }))).toBe('invalid_code');

    const again = await consent(slack, { client_id: APP.clientId, scope: 'commands', redirect_uri: REDIRECT });
    const good = again.location?.searchParams.get('code') ?? '';
    const answer = (await client.oauth.v2.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code: good, redirect_uri: REDIRECT })) as unknown as Record<string, unknown>;
    expect(answer).toMatchObject({ ok: true, token_type: 'bot', bot_user_id: TEAMS.b.bot, team: { id: TEAMS.b.id }, is_enterprise_install: false, authed_user: { id: 'U0BOB' } });
    expect(answer.refresh_token).toBeUndefined();
    expect(await errorOf(client.oauth.v2.access({ client_id: APP.clientId, client_secret: APP.clientSecret, code: good, redirect_uri: REDIRECT }))).toBe('invalid_code');

    const token = String(answer.access_token);
    expect(await asBot(slack, token).auth.test()).toMatchObject({ team_id: TEAMS.b.id, user_id: TEAMS.b.bot });
    expect(slack.b.tokens.accepted()).toEqual([token]);
    expect(slack.a.tokens.accepted()).toEqual([]);
    expect(await errorOf(asBot(slack, 'xoxb-made-up').auth.test())).toBe('invalid_auth');
  });

  it('with token rotation, a refresh token is good once; the token it replaces works until it expires', async () => {
    await slack.stop();
    slack = await startTwoWorkspaces({ redirectUrls: [REDIRECT], tokenExpiresIn: 3600 });
    const first = await install(slack, TEAMS.a.id);
    expect(first).toMatchObject({ ok: true, expires_in: 3600, access_token: expect.stringMatching(/^xoxe\.xoxb-/), refresh_token: expect.stringMatching(/^xoxe-1-/) });
    const refresh = { client_id: APP.clientId, client_secret: APP.clientSecret, grant_type: 'refresh_token' as const, refresh_token: String(first.refresh_token) };
    const second = (await noToken(slack).oauth.v2.access(refresh)) as unknown as Record<string, unknown>;
    expect(second).toMatchObject({ ok: true, team: { id: TEAMS.a.id }, expires_in: 3600 });
    expect(second.access_token).not.toBe(first.access_token);
    expect(await errorOf(noToken(slack).oauth.v2.access(refresh))).toBe('invalid_refresh_token');
    for (const token of [first.access_token, second.access_token]) expect((await asBot(slack, String(token)).auth.test()).team_id).toBe(TEAMS.a.id);
    expect(slack.cloud.oauth.exchanges.map((e) => `${e.grant}:${e.error ?? 'ok'}`)).toEqual(['code:ok', 'refresh_token:ok', 'refresh_token:invalid_refresh_token']);
  });

  it('an expired token is refused as token_expired, a revoked one as token_revoked', () => {
    let now = 1_000;
    const tokens = new BotTokens(undefined, () => now);
    tokens.accept('xoxe.xoxb-1-a', 2_000);
    expect(tokens.refusal('xoxe.xoxb-1-a')).toBeUndefined();
    now = 2_000;
    expect(tokens.refusal('xoxe.xoxb-1-a')).toBe('token_expired');
    tokens.accept('xoxb-b');
    tokens.revoke('xoxb-b');
    expect(tokens.refusal('xoxb-b')).toBe('token_revoked');
    expect(tokens.refusal('xoxb-c')).toBe('invalid_auth');
    expect(tokens.uses('xoxe.xoxb-1-a')).toBe(1);
  });

  it('an organization-wide install answers with the organization and no team', async () => {
    await slack.stop();
    slack = await startTwoWorkspaces({ redirectUrls: [REDIRECT] }, { orgWideB: 'E0ORG' });
    expect(await install(slack, TEAMS.b.id)).toMatchObject({ ok: true, team: null, enterprise: { id: 'E0ORG' }, is_enterprise_install: true });
  });

  it('an uninstall revokes the workspace’s tokens at once, then tells the app with app_uninstalled and tokens_revoked', async () => {
    const received: Array<Record<string, unknown>> = [];
    const app: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    try {
      const installedA = await install(slack, TEAMS.a.id);
      const installedB = await install(slack, TEAMS.b.id);
      slack.cloud.connect(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
      const answers = await slack.cloud.uninstall(TEAMS.a.id);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(received.map((r) => [r.team_id, (r.event as { type: string }).type])).toEqual([
        [TEAMS.a.id, 'app_uninstalled'],
        [TEAMS.a.id, 'tokens_revoked'],
      ]);
      expect(received[1]?.event).toMatchObject({ tokens: { bot: [TEAMS.a.bot] } });
      expect(await errorOf(asBot(slack, String(installedA.access_token)).auth.test())).toBe('token_revoked');
      expect((await asBot(slack, String(installedB.access_token)).auth.test()).team_id).toBe(TEAMS.b.id);
    } finally {
      app.closeAllConnections();
      await new Promise((resolve) => app.close(resolve));
    }
  });
});
