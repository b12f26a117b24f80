import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, describeProblems, loadConfig } from '../../src/config';

const BOT = 'xoxb-1111-2222-distinctivebotvalue';
const APP = 'xapp-1-A1-3333-distinctiveappvalue';
const SECRET = 'abcdef0123456789abcdef0123456789';

function problemsOf(env: Record<string, string>): { problems: string[]; noSlackSettings: boolean } {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result;
}

describe('configuration', () => {
  it('with no Slack settings at all, says so and names the bot token and the connection as missing', () => {
    const result = problemsOf({});
    expect(result.noSlackSettings).toBe(true);
    expect(result.problems.some((p) => p.startsWith('SLACK_BOT_TOKEN is missing'))).toBe(true);
    expect(result.problems.some((p) => p.includes('SLACK_APP_TOKEN') && p.includes('SLACK_SIGNING_SECRET'))).toBe(true);
    expect(describeProblems(result)).toContain('manifest.yml');
  });

  it('lists every problem at once, in one message', () => {
    const result = problemsOf({
      SLACK_APP_TOKEN: APP,
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      REDIS_URL: 'http://localhost:6379',
      SESSION_IDLE_DAYS: '-1',
      CONTENT_ENCRYPTION_KEY: 'too-short',
    });
    expect(result.noSlackSettings).toBe(false);
    const message = describeProblems(result);
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'LOG_LEVEL', 'REDIS_URL', 'SESSION_IDLE_DAYS', 'CONTENT_ENCRYPTION_KEY']) {
      expect(message).toContain(name);
    }
    expect(result.problems).toHaveLength(6);
  });

  it('never repeats a token or secret it was given, even a malformed one', () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxp-9999-user-token-distinctive',
      SLACK_APP_TOKEN: 'xoxb-wrong-place-distinctive',
      SLACK_SIGNING_SECRET: 'not a secret distinctive!',
      CONTENT_ENCRYPTION_KEY: 'c2VjcmV0LWtleS1kaXN0aW5jdGl2ZQ==',
      CONTENT_ENCRYPTION_KEY_PREVIOUS: 'YW5vdGhlci1kaXN0aW5jdGl2ZQ==',
    };
    const result = problemsOf(env);
    const everything = JSON.stringify(result) + describeProblems(result);
    expect(result.problems.length).toBeGreaterThanOrEqual(5);
    for (const value of Object.values(env)) {
      expect(everything).not.toContain(value);
      expect(everything).not.toContain(value.slice(5, 15));
    }
  });

  it('runs in Socket Mode when there is an app-level token, and in HTTP mode with only a signing secret', () => {
    const socket = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP });
    const http = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET });
    const both = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: SECRET });
    expect(socket.ok && socket.config.mode).toBe('socket');
    expect(http.ok && http.config.mode).toBe('http');
    expect(both.ok && both.config.mode).toBe('socket');
  });

  it('fills in the documented defaults, and treats empty values as unset', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, REDIS_URL: '', PORT: ' ', LOG_LEVEL: '' });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config).toMatchObject({
      port: 3000,
      logLevel: 'info',
      sessions: { ttlDays: 14, idleDays: 7, maxDays: 30 },
      reminderLeadHours: 2,
      updatesPerMinute: 50,
      privateRooms: 'offered',
      encryption: {},
    });
    expect(result.config.redis).toBeUndefined();
    expect(result.config.slack.apiUrl).toBeUndefined();
  });

  it('gives the Web API base URL a trailing slash, as the WebClient expects', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_API_URL: 'https://slack-gov.com/api' });
    expect(result.ok && result.config.slack.apiUrl).toBe('https://slack-gov.com/api/');
  });

  it('accepts a 32-byte encryption key and its predecessor, and refuses a key of another length', () => {
    const key = randomBytes(32);
    const previous = randomBytes(32);
    const ok = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      CONTENT_ENCRYPTION_KEY: key.toString('base64'),
      CONTENT_ENCRYPTION_KEY_PREVIOUS: previous.toString('base64url'),
    });
    if (!ok.ok) throw new Error(ok.problems.join('\n'));
    expect(ok.config.encryption.key?.equals(key)).toBe(true);
    expect(ok.config.encryption.previousKey?.equals(previous)).toBe(true);

    const short = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, CONTENT_ENCRYPTION_KEY: randomBytes(16).toString('base64') });
    expect(short.problems).toEqual([expect.stringContaining('CONTENT_ENCRYPTION_KEY is not a valid key')]);
  });

  it('refuses a previous key without a current one', () => {
    const result = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, CONTENT_ENCRYPTION_KEY_PREVIOUS: randomBytes(32).toString('base64') });
    expect(result.problems).toEqual([expect.stringContaining('CONTENT_ENCRYPTION_KEY_PREVIOUS is set without CONTENT_ENCRYPTION_KEY')]);
  });

  it('refuses stored data that would expire before an idle session is closed', () => {
    const result = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SESSION_TTL_DAYS: '7', SESSION_IDLE_DAYS: '7' });
    expect(result.problems).toEqual([expect.stringContaining('SESSION_TTL_DAYS must be greater than SESSION_IDLE_DAYS')]);
  });

  it('reads the session limits and reminder lead from the environment', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      PORT: '8080',
      SESSION_TTL_DAYS: '21',
      SESSION_IDLE_DAYS: '10',
      SESSION_MAX_DAYS: '60',
      REMINDER_LEAD_HOURS: '1.5',
      PRIVATE_ROOMS: 'required',
      DEFAULT_LANGUAGE: 'de',
      LOG_LEVEL: 'debug',
      REDIS_URL: 'redis://redis:6379',
    });
    if (!result.ok) throw new Error(result.problems.join('\n'));
    expect(result.config).toMatchObject({
      port: 8080,
      logLevel: 'debug',
      redis: { kind: 'single', url: 'redis://redis:6379' },
      sessions: { ttlDays: 21, idleDays: 10, maxDays: 60 },
      reminderLeadHours: 1.5,
      privateRooms: 'required',
      defaultLanguage: 'de',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP })).toMatchObject({ ok: true, config: { defaultLanguage: 'en' } });
  });

  it('refuses a DEFAULT_LANGUAGE the bot does not speak', () => {
    const result = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, DEFAULT_LANGUAGE: 'fr' });
    expect(result.problems).toEqual(['DEFAULT_LANGUAGE must be one of en, de, nl.']);
  });

  it('serves metrics only with METRICS=on, and refuses anything but on or off', () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };
    const off = loadConfig(base);
    const on = loadConfig({ ...base, METRICS: 'on' });
    expect(off.ok && off.config.metrics).toBe(false);
    expect(on.ok && on.config.metrics).toBe(true);
    const wrong = loadConfig({ ...base, METRICS: 'yes' });
    expect(wrong.ok ? [] : wrong.problems).toEqual(['METRICS must be on or off.']);
  });

  it('refuses a PRIVATE_ROOMS that is not offered, required or off', () => {
    const result = problemsOf({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PRIVATE_ROOMS: 'always' });
    expect(result.problems).toEqual(['PRIVATE_ROOMS must be offered, required or off.']);
  });

  describe('letting any workspace install the bot (OAuth)', () => {
    const CLIENT_ID = '1234567890.9876543210';
    const CLIENT_SECRET = 'fedcba9876543210distinctiveclient';
    const STATE_SECRET = 'state-secret-distinctive-0123456789';
    const KEY = randomBytes(32).toString('base64');
    const oauth = { SLACK_CLIENT_ID: CLIENT_ID, SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET };

    it('runs without a bot token when the client ID, client secret, state secret and a key are set', () => {
      const result = loadConfig({ ...oauth, SLACK_SIGNING_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY });
      if (!result.ok) throw new Error(result.problems.join('\n'));
      expect(result.config.mode).toBe('http');
      expect(result.config.slack.oauth).toEqual({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET });
      expect(result.config.slack.botToken).toBe('');
      expect(result.config.encryption.tokenKey?.toString('base64')).toBe(KEY);
      // Socket Mode works too, and the content key is enough: the tokens' own key is derived from it.
      const socket = loadConfig({ ...oauth, SLACK_APP_TOKEN: APP, CONTENT_ENCRYPTION_KEY: KEY });
      expect(socket.ok && socket.config.mode).toBe('socket');
      expect(socket.ok && socket.config.encryption.tokenKey).toBeUndefined();
    });

    it('refuses half of it, naming what is missing and never repeating a value', () => {
      const result = problemsOf({ SLACK_CLIENT_ID: CLIENT_ID, SLACK_SIGNING_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY });
      expect(result.noSlackSettings).toBe(false);
      expect(result.problems).toEqual([expect.stringContaining('needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, but SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are not set')]);
      // Not the single workspace's complaint: whoever set a client ID means to let workspaces install it.
      expect(result.problems.join('\n')).not.toContain('SLACK_BOT_TOKEN is missing');
      const secretOnly = problemsOf({ SLACK_CLIENT_SECRET: CLIENT_SECRET, SLACK_STATE_SECRET: STATE_SECRET, SLACK_APP_TOKEN: APP, CONTENT_ENCRYPTION_KEY: KEY });
      expect(secretOnly.problems).toEqual([expect.stringContaining('but SLACK_CLIENT_ID is not set')]);
      expect(JSON.stringify(secretOnly) + describeProblems(secretOnly)).not.toContain(CLIENT_SECRET);
      expect(JSON.stringify(secretOnly) + describeProblems(secretOnly)).not.toContain(STATE_SECRET);
    });

    it('refuses a bot token beside it, and installations without a key to encrypt them', () => {
      const both = problemsOf({ ...oauth, SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY });
      expect(both.problems).toEqual([expect.stringContaining('SLACK_BOT_TOKEN is for one workspace')]);
      const noKey = problemsOf({ ...oauth, SLACK_SIGNING_SECRET: SECRET });
      expect(noKey.problems).toEqual([expect.stringContaining('set TOKEN_ENCRYPTION_KEY (or CONTENT_ENCRYPTION_KEY')]);
    });

    it('refuses values that are not shaped like Slack\'s, and a short state secret', () => {
      const result = problemsOf({ SLACK_CLIENT_ID: 'my-app', SLACK_CLIENT_SECRET: 'short', SLACK_STATE_SECRET: 'short', SLACK_APP_TOKEN: APP, TOKEN_ENCRYPTION_KEY: 'nope' });
      expect(result.problems).toHaveLength(4);
      for (const name of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'TOKEN_ENCRYPTION_KEY']) {
        expect(result.problems.some((p) => p.startsWith(name))).toBe(true);
      }
    });
  });

  it('documents every variable it reads in .env.example and docs/configuration.md', () => {
    const example = readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
    const reference = readFileSync(path.resolve(__dirname, '../../docs/configuration.md'), 'utf8');
    expect(CONFIG_VARIABLES).toHaveLength(27);
    for (const name of CONFIG_VARIABLES) {
      expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(reference).toContain(`\`${name}\``);
    }
  });
});
