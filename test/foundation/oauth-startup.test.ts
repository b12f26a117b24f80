/**
 * Starting the bot that any workspace installs: its client ID and secret are
 * checked with Slack at start (as the bot token is for one workspace), each
 * mistake named without its value; in Socket Mode the install pages and
 * /healthz are served on PORT by the receiver itself; without Redis the
 * installations live in memory, encrypted all the same.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config';
import { StartupError, openStores, startBot } from '../../src/bot';
import { createApp } from '../../src/slack/app';
import { EncryptedInstallationStore } from '../../src/slack/install/installation-store';
import { InFlight } from '../../src/shutdown';
import { InstallationRecords, MemorySealedRecords } from '../../src/store/installations';
import { capturedLogger } from '../support/log';
import { APP, TEAMS, type TwoWorkspaces, startTwoWorkspaces } from '../support/workspaces';

const KEY = randomBytes(32).toString('base64');

function configFor(slack: TwoWorkspaces | undefined, env: Record<string, string>): Config {
  const loaded = loadConfig({
    SLACK_CLIENT_ID: APP.clientId,
    SLACK_CLIENT_SECRET: APP.clientSecret,
    SLACK_STATE_SECRET: 'state-secret-for-the-start-up-test',
    TOKEN_ENCRYPTION_KEY: KEY,
    PORT: '0',
    ...(slack ? { SLACK_API_URL: slack.cloud.apiUrl } : {}),
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return loaded.config;
}

const records = () => new InstallationRecords(new MemorySealedRecords(), { current: randomBytes(32), previous: [] });

describe('starting the bot that any workspace installs', () => {
  let slack: TwoWorkspaces;

  beforeAll(async () => {
    slack = await startTwoWorkspaces();
  });

  afterAll(async () => {
    await slack.stop();
  });

  it.each([
    ['SLACK_CLIENT_SECRET', { SLACK_CLIENT_SECRET: 'a-wrong-client-secret-distinctive' }],
    ['SLACK_CLIENT_ID', { SLACK_CLIENT_ID: '1111111111.9999999999' }],
  ])('stops with a plain message naming %s when Slack rejects it, never its value', async (variable, wrong) => {
    const { logger } = capturedLogger('silent');
    const config = configFor(slack, { SLACK_SIGNING_SECRET: APP.signingSecret, ...wrong });
    const installations = records();
    let thrown: unknown;
    try {
      await startBot(config, { logger, store: { ping: async () => true }, storeKind: 'memory', installations: { work: installations, requests: installations } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StartupError);
    expect(String((thrown as Error).message)).toContain(`${variable} was rejected by Slack`);
    for (const value of Object.values(wrong)) expect(String((thrown as Error).message)).not.toContain(value);
  });

  it('in Socket Mode, serves /slack/install (straight to Slack with a signed state) and /healthz on PORT itself', async () => {
    const { logger } = capturedLogger('silent');
    const config = configFor(slack, { SLACK_APP_TOKEN: 'xapp-1-A0INTERV-1-distinctive' });
    expect(config.mode).toBe('socket');
    const installationStore = new EncryptedInstallationStore(records());
    const app = createApp(config, { logger, store: { ping: async () => true }, storeKind: 'memory', identity: undefined, inFlight: new InFlight(), installationStore });
    const server = Reflect.get(Reflect.get(app, 'receiver') as object, 'httpServer') as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const install = await fetch(`${base}/slack/install`, { redirect: 'manual' });
      expect(install.status).toBe(302);
      const location = new URL(install.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(new URL('../oauth/v2/authorize', slack.cloud.apiUrl).toString());
      expect(location.searchParams.get('client_id')).toBe(APP.clientId);
      expect(location.searchParams.get('scope')?.split(',')).toContain('groups:write');
      expect(install.headers.get('set-cookie')).toContain(`slack-app-oauth-state=${location.searchParams.get('state')}`);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('without Redis keeps installations in memory, encrypted, one store for requests and work alike', async () => {
    const { logger } = capturedLogger('silent');
    const opened = openStores(configFor(undefined, { SLACK_SIGNING_SECRET: APP.signingSecret }), logger);
    try {
      expect(opened.kind).toBe('memory');
      const stores = opened.installations;
      expect(stores?.work).toBe(stores?.requests);
      await stores?.work.save(TEAMS.a.id, { team: { id: TEAMS.a.id }, bot: { token: 'xoxb-memory' } });
      expect(await stores?.requests.load(TEAMS.a.id)).toMatchObject({ bot: { token: 'xoxb-memory' } });
    } finally {
      await opened.close();
    }
  });
});
