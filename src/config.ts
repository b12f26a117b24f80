import { z } from 'zod';
import { redisEnvShape, redisProblems, redisTargetOf, type RedisTarget } from './config-redis';
import { DEFAULT_LIMITS } from './engine/limits';
import { LANGUAGES, type Language } from './engine/session';

export type { RedisTarget } from './config-redis';

/**
 * The bot's configuration, read once from the environment (and a .env file,
 * loaded by the entry point). Every problem is collected so the operator can
 * fix them all in one go; no message ever contains a variable's value, because
 * most of them are secrets.
 */

export type PrivateRooms = 'offered' | 'required' | 'off';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';

export interface Config {
  /** Socket Mode when an app-level token is set (no public URL needed); HTTP mode otherwise. */
  mode: 'socket' | 'http';
  slack: {
    /** One workspace: its Bot User OAuth Token. Empty when workspaces install the app themselves (`oauth`). */
    botToken: string;
    /**
     * Any workspace may install the app (Bolt's OAuth flow at /slack/install):
     * each workspace's token comes from its installation, kept encrypted.
     */
    oauth?: { clientId: string; clientSecret: string; stateSecret: string };
    appToken?: string;
    signingSecret?: string;
    /** Web API base URL ending in "/" (GovSlack, tests); Slack's default when absent. */
    apiUrl?: string;
  };
  /** HTTP mode: where /slack/events and /healthz listen. Socket Mode: /healthz only. */
  port: number;
  /** Where sessions are kept: one Redis, a Cluster, or Sentinel's primary (config-redis.ts). Unset: in memory (one instance only). */
  redis?: RedisTarget;
  logLevel: LogLevel;
  sessions: {
    /** Stored keys expire this long after a session's last change. */
    ttlDays: number;
    /** A session with no activity for this long is closed (and its content deleted). */
    idleDays: number;
    /** No session lives longer than this, active or not. */
    maxDays: number;
  };
  /** Hours before an asynchronous deadline when the last reminder goes out. */
  reminderLeadHours: number;
  /** chat.update calls a minute the bot spends in the workspace (Slack's Tier 3 is about 50); 0: unpaced. */
  updatesPerMinute: number;
  /**
   * Private channels made for a session, just for its participants: offered
   * in the creation form (default), required (the only way), or off.
   */
  privateRooms: PrivateRooms;
  /** The language of a person whose Slack locale the bot does not speak: a new session's default, and everything outside a session. */
  defaultLanguage: Language;
  /** Keys for encrypting stored content (32 bytes each); absent: stored as plain JSON. */
  encryption: {
    key?: Buffer;
    previousKey?: Buffer;
    /** Encrypts the workspaces' installations (their tokens); derived from `key` when absent. */
    tokenKey?: Buffer;
  };
  /** GET /metrics beside /healthz (Prometheus's text format): off unless METRICS=on. */
  metrics: boolean;
}

export type ConfigResult =
  | { ok: true; config: Config }
  | { ok: false; problems: string[]; noSlackSettings: boolean };

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Empty or blank values count as unset: `REDIS_URL=` in a .env file means "no Redis". */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

function token(prefix: string, problem: string) {
  const shape = new RegExp(`^${prefix}[A-Za-z0-9-]+$`);
  return optionalText.refine((value) => value === undefined || shape.test(value), {
    error: problem,
  });
}

function number(options: { min: number; max: number; integer: boolean; fallback: number; problem: string }) {
  return optionalText.transform((value, ctx) => {
    if (value === undefined) return options.fallback;
    const parsed = Number(value);
    const valid = Number.isFinite(parsed) && parsed >= options.min && parsed <= options.max;
    if (!valid || (options.integer && !Number.isInteger(parsed))) {
      ctx.addIssue({ code: 'custom', message: options.problem });
      return z.NEVER;
    }
    return parsed;
  });
}

function url(protocols: string[], problem: string) {
  return optionalText.refine(
    (value) => {
      if (value === undefined) return true;
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { error: problem },
  );
}

function encryptionKey(problem: string) {
  return optionalText.refine((value) => value === undefined || decodeKey(value) !== undefined, { error: problem });
}

/** A 32-byte key from standard or URL-safe base64, or undefined when it is anything else. */
function decodeKey(value: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === 32 ? bytes : undefined;
}

const KEY_HINT = 'it must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)';

const envSchema = z.object({
  SLACK_BOT_TOKEN: token(
    'xoxb-',
    'SLACK_BOT_TOKEN is not a bot token: it must start with xoxb-. Copy the Bot User OAuth Token from your app\'s "OAuth & Permissions" page.',
  ),
  SLACK_APP_TOKEN: token(
    'xapp-',
    'SLACK_APP_TOKEN is not an app-level token: it must start with xapp-. Create one under "Basic Information" > "App-Level Tokens" with the connections:write scope.',
  ),
  // Slack's are 32 hex characters; any long enough key works for the HMAC, so only obvious mistakes are refused.
  SLACK_SIGNING_SECRET: optionalText.refine((value) => value === undefined || /^[\x21-\x7e]{12,}$/.test(value), {
    error: 'SLACK_SIGNING_SECRET does not look like a signing secret: copy it from "Basic Information" > "App Credentials".',
  }),
  PORT: number({ min: 0, max: 65535, integer: true, fallback: 3000, problem: 'PORT must be a whole number from 0 to 65535.' }),
  SLACK_API_URL: url(['http:', 'https:'], 'SLACK_API_URL must be an http(s) URL such as https://slack.com/api/ (leave it unset for Slack\'s own).'),
  REDIS_URL: url(['redis:', 'rediss:'], 'REDIS_URL must be a redis:// or rediss:// URL such as redis://localhost:6379 (leave it unset to keep sessions in memory).'),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.` }).default('info')),
  SESSION_TTL_DAYS: number({ min: 1, max: 365, integer: true, fallback: 14, problem: 'SESSION_TTL_DAYS must be a whole number of days from 1 to 365.' }),
  SESSION_IDLE_DAYS: number({ min: 1, max: 365, integer: true, fallback: DEFAULT_LIMITS.idleDays, problem: 'SESSION_IDLE_DAYS must be a whole number of days from 1 to 365.' }),
  SESSION_MAX_DAYS: number({ min: 1, max: 365, integer: true, fallback: DEFAULT_LIMITS.maxDays, problem: 'SESSION_MAX_DAYS must be a whole number of days from 1 to 365.' }),
  SLACK_UPDATES_PER_MINUTE: number({ min: 0, max: 1000, integer: true, fallback: 50, problem: 'SLACK_UPDATES_PER_MINUTE must be a whole number from 0 to 1000 (0: unpaced).' }),
  REMINDER_LEAD_HOURS: number({ min: 0, max: 168, integer: false, fallback: 2, problem: 'REMINDER_LEAD_HOURS must be a number of hours from 0 to 168.' }),
  PRIVATE_ROOMS: optionalText.pipe(
    z.enum(['offered', 'required', 'off'], { error: 'PRIVATE_ROOMS must be offered, required or off.' }).default('offered'),
  ),
  DEFAULT_LANGUAGE: optionalText.pipe(z.enum(LANGUAGES, { error: `DEFAULT_LANGUAGE must be one of ${LANGUAGES.join(', ')}.` }).default('en')),
  CONTENT_ENCRYPTION_KEY: encryptionKey(`CONTENT_ENCRYPTION_KEY is not a valid key: ${KEY_HINT}.`),
  CONTENT_ENCRYPTION_KEY_PREVIOUS: encryptionKey(`CONTENT_ENCRYPTION_KEY_PREVIOUS is not a valid key: ${KEY_HINT}.`),
  SLACK_CLIENT_ID: optionalText.refine((value) => value === undefined || /^\d+\.\d+$/.test(value), {
    error: 'SLACK_CLIENT_ID does not look like a client ID (digits, a dot, digits): copy it from "Basic Information" > "App Credentials".',
  }),
  SLACK_CLIENT_SECRET: optionalText.refine((value) => value === undefined || /^[\x21-\x7e]{12,}$/.test(value), {
    error: 'SLACK_CLIENT_SECRET does not look like a client secret: copy it from "Basic Information" > "App Credentials".',
  }),
  SLACK_STATE_SECRET: optionalText.refine((value) => value === undefined || /^[\x21-\x7e]{16,}$/.test(value), {
    error: 'SLACK_STATE_SECRET must be at least 16 characters without spaces: a random string of your own (openssl rand -hex 32).',
  }),
  TOKEN_ENCRYPTION_KEY: encryptionKey(`TOKEN_ENCRYPTION_KEY is not a valid key: ${KEY_HINT}.`),
  METRICS: optionalText.pipe(z.enum(['on', 'off'], { error: 'METRICS must be on or off.' }).default('off')),
  ...redisEnvShape,
});

type Env = z.output<typeof envSchema>;

/** Every environment variable the bot reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

const MISSING_BOT_TOKEN =
  'SLACK_BOT_TOKEN is missing: create the app from manifest.yml, install it to your workspace, and copy the Bot User OAuth Token (xoxb-…) from "OAuth & Permissions".';
const MISSING_CONNECTION =
  'Neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET is set: for Socket Mode (the default, no public URL needed) create an app-level token (xapp-…) with the connections:write scope under "Basic Information" > "App-Level Tokens"; for HTTP mode set SLACK_SIGNING_SECRET from "Basic Information" > "App Credentials".';

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}

/** The three settings that let any workspace install the app (Bolt's OAuth flow): all or none. */
const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

/** What is missing or contradictory once any OAuth setting is set (`set`: those that are). */
function oauthProblems(raw: Record<string, string | undefined>, set: readonly string[]): string[] {
  const problems: string[] = [];
  const missing = OAUTH_VARIABLES.filter((name) => !set.includes(name));
  if (missing.length > 0) {
    problems.push(
      `Letting any workspace install the bot needs all of ${OAUTH_VARIABLES.join(', ')}, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: copy the client ID and secret from "Basic Information" > "App Credentials", and make the state secret yourself (openssl rand -hex 32). To run in one workspace instead, leave all three empty and set SLACK_BOT_TOKEN.`,
    );
  }
  if (isSet(raw.SLACK_BOT_TOKEN)) {
    problems.push('SLACK_BOT_TOKEN is for one workspace; with SLACK_CLIENT_ID each workspace\'s token comes from its installation. Leave SLACK_BOT_TOKEN empty, or the OAuth settings empty.');
  }
  if (!isSet(raw.TOKEN_ENCRYPTION_KEY) && !isSet(raw.CONTENT_ENCRYPTION_KEY)) {
    problems.push(`Installations hold each workspace's tokens and are stored encrypted: set TOKEN_ENCRYPTION_KEY (or CONTENT_ENCRYPTION_KEY, from which a key of their own is derived); ${KEY_HINT}.`);
  }
  return problems;
}

/** Problems that involve more than one variable, or a variable that must be present. */
function crossChecks(raw: Record<string, string | undefined>, env: Env | undefined): string[] {
  const problems: string[] = [];
  const oauth = OAUTH_VARIABLES.filter((name) => isSet(raw[name]));
  if (oauth.length === 0 && !isSet(raw.SLACK_BOT_TOKEN)) problems.push(MISSING_BOT_TOKEN);
  if (oauth.length > 0) problems.push(...oauthProblems(raw, oauth));
  if (!isSet(raw.SLACK_APP_TOKEN) && !isSet(raw.SLACK_SIGNING_SECRET)) problems.push(MISSING_CONNECTION);
  problems.push(...redisProblems(raw));
  if (isSet(raw.CONTENT_ENCRYPTION_KEY_PREVIOUS) && !isSet(raw.CONTENT_ENCRYPTION_KEY)) {
    problems.push('CONTENT_ENCRYPTION_KEY_PREVIOUS is set without CONTENT_ENCRYPTION_KEY: the previous key is only for rotation, so set the new key too.');
  }
  if (env) {
    // Stored keys must outlive the idle limit, or a quiet session would vanish
    // from the store before the bot could delete its messages from Slack.
    if (env.SESSION_TTL_DAYS <= env.SESSION_IDLE_DAYS) {
      problems.push('SESSION_TTL_DAYS must be greater than SESSION_IDLE_DAYS, so idle sessions are closed (and their Slack messages deleted) before their stored data expires.');
    }
    if (env.SESSION_IDLE_DAYS > env.SESSION_MAX_DAYS) {
      problems.push('SESSION_IDLE_DAYS must not be greater than SESSION_MAX_DAYS.');
    }
  }
  return problems;
}

const withRedis = (redis: RedisTarget | undefined): { redis?: RedisTarget } => (redis ? { redis } : {});

function toConfig(env: Env): Config {
  const apiUrl = env.SLACK_API_URL;
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret } = env;
  return {
    mode: env.SLACK_APP_TOKEN ? 'socket' : 'http',
    slack: {
      botToken: env.SLACK_BOT_TOKEN ?? '',
      ...(clientId && clientSecret && stateSecret ? { oauth: { clientId, clientSecret, stateSecret } } : {}),
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      // The WebClient appends method names to this base, so it must end with "/".
      ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    },
    port: env.PORT,
    ...withRedis(redisTargetOf(env)),
    logLevel: env.LOG_LEVEL,
    sessions: { ttlDays: env.SESSION_TTL_DAYS, idleDays: env.SESSION_IDLE_DAYS, maxDays: env.SESSION_MAX_DAYS },
    reminderLeadHours: env.REMINDER_LEAD_HOURS,
    updatesPerMinute: env.SLACK_UPDATES_PER_MINUTE,
    privateRooms: env.PRIVATE_ROOMS,
    defaultLanguage: env.DEFAULT_LANGUAGE,
    encryption: {
      ...(env.CONTENT_ENCRYPTION_KEY ? { key: decodeKey(env.CONTENT_ENCRYPTION_KEY) } : {}),
      ...(env.CONTENT_ENCRYPTION_KEY_PREVIOUS ? { previousKey: decodeKey(env.CONTENT_ENCRYPTION_KEY_PREVIOUS) } : {}),
      ...(env.TOKEN_ENCRYPTION_KEY ? { tokenKey: decodeKey(env.TOKEN_ENCRYPTION_KEY) } : {}),
    },
    metrics: env.METRICS === 'on',
  };
}

/** Reads the configuration from `env` (pure: no I/O, nothing printed). */
export function loadConfig(env: Record<string, string | undefined> = process.env): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  problems.push(...crossChecks(env, parsed.success ? parsed.data : undefined));
  if (!parsed.success || problems.length > 0) {
    const noSlackSettings = !['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', ...OAUTH_VARIABLES].some((name) => isSet(env[name]));
    return { ok: false, problems, noSlackSettings };
  }
  return { ok: true, config: toConfig(parsed.data) };
}

/** The one message printed when the bot cannot start: every problem and how to fix it. */
export function describeProblems(result: { problems: string[]; noSlackSettings: boolean }): string {
  const lines = ['The intervision bot cannot start: its configuration needs attention.', ''];
  if (result.noSlackSettings) {
    lines.push(
      'No Slack settings were found. To connect the bot to a workspace:',
      '  1. Create a Slack app from manifest.yml (https://api.slack.com/apps > Create New App > From a manifest).',
      '  2. Install it to your workspace and copy the Bot User OAuth Token (xoxb-…) into SLACK_BOT_TOKEN.',
      '  3. Under "Basic Information" > "App-Level Tokens", create a token with connections:write and put it in SLACK_APP_TOKEN.',
      'To let any workspace install it instead (manifest.distributed.yml, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), see README.md.',
      'To try the bot without a workspace first, run `npm start` in a clone of its repository: it serves the playground.',
      '',
    );
  }
  lines.push(...result.problems.map((problem) => `  - ${problem}`));
  lines.push('', 'Set these in the environment or in a .env file (see .env.example and README.md), then start the bot again.');
  return `${lines.join('\n')}\n`;
}
