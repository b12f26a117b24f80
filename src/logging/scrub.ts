/**
 * The rules that keep user-written text (cases, questions, tips, answers) and
 * secrets out of the logs. Structural first: fields that carry payloads are
 * redacted by name at any depth, and errors are reduced to name, code and a
 * message only when it cannot carry a payload. A text heuristic is the last
 * line of defence for strings that arrive from libraries.
 */

export const REDACTED = '[redacted]';

/** Field names that carry what people wrote, Slack payloads, or secrets. Matched case-insensitively. */
const SENSITIVE_KEYS: readonly string[] = [
  // What people write, and the Slack payloads that carry it.
  'text', 'value', 'values', 'state', 'view', 'blocks', 'attachments', 'message', 'messages', 'body',
  'payload', 'private_metadata', 'input', 'inputs', 'answer', 'answers', 'remark', 'remarks', 'what',
  'title', 'statement', 'case', 'summary', 'response', 'data',
  // Secrets and one-time capabilities.
  'token', 'bot_token', 'botToken', 'app_token', 'appToken', 'signing_secret', 'signingSecret', 'secret',
  'password', 'authorization', 'cookie', 'headers', 'response_url', 'responseUrl', 'trigger_id', 'triggerId',
  // A workspace's installation and what the install flow and token rotation exchange.
  'installation', 'access_token', 'accessToken', 'refresh_token', 'refreshToken', 'bot_access_token',
  'botRefreshToken', 'client_secret', 'clientSecret', 'state_secret', 'stateSecret', 'authed_user', 'url',
];

const sensitive = new Set(SENSITIVE_KEYS.map((key) => key.toLowerCase()));

/** True when a field of this name is never logged as is. */
function isSensitiveKey(key: string): boolean {
  return sensitive.has(key.toLowerCase());
}

const MAX_SAFE_LENGTH = 300;
/** A short quoted identifier ('chat.postMessage', "maxRetriesPerRequest") does not carry a payload. */
const QUOTED_IDENTIFIER = /(['"`])[\w.$:/-]{0,60}\1/g;
const FORM_BODY = /[\w.%-]+=[^&\s]*&[\w.%-]+=/;
const PERCENT_ENCODED = /%[0-9A-Fa-f]{2}/;

/**
 * True when a string can be logged: short, single-line, and with nothing that
 * looks like JSON, a form body, quoted free text, or a Slack token.
 */
export function isSafeText(raw: string): boolean {
  if (raw.length > MAX_SAFE_LENGTH || /[\r\n]/.test(raw)) return false;
  const text = raw.split(REDACTED).join(''); // already redacted by an earlier layer
  if (/\bJSON\b/i.test(text)) return false; // JSON.parse errors quote the text they failed on
  if (/xox[a-z]-|xapp-/i.test(text)) return false;
  if (FORM_BODY.test(text) || PERCENT_ENCODED.test(text)) return false;
  const unquoted = text.replace(QUOTED_IDENTIFIER, '');
  return !/[{}[\]"'`<>]/.test(unquoted);
}

/** The text itself when safe, otherwise the redaction marker. */
export function safeText(text: string): string {
  return isSafeText(text) ? text : REDACTED;
}

/** An error as it may be logged: no payloads, no request or response data. */
export interface SafeError {
  type: string;
  code?: string;
  /** Slack's error code of a failed Web API call ("channel_not_found"). */
  slackError?: string;
  statusCode?: number;
  /** The error's message, only when it cannot carry a payload (named so that redaction of `message` fields leaves it). */
  detail?: string;
  stack?: string;
  cause?: SafeError;
}

const CODE = /^[A-Za-z0-9_.:-]{1,80}$/;
const SLACK_ERROR_CODE = /^[a-z0-9_]{1,80}$/;
const MAX_STACK_FRAMES = 12;

function field(source: object, name: string): unknown {
  return (source as Record<string, unknown>)[name];
}

function isErrorLike(value: unknown): boolean {
  if (value instanceof Error) return true;
  return typeof value === 'object' && value !== null && typeof field(value, 'stack') === 'string' && typeof field(value, 'message') === 'string';
}

/** Only the call-site lines of a stack: its first line repeats the message. */
function stackFrames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, MAX_STACK_FRAMES);
  return frames.length > 0 ? frames.map((line) => line.trim()).join('\n') : undefined;
}

/** Summaries made here: already safe, so later layers pass them through untouched. */
const summaries = new WeakSet<object>();

/** Reduces an error (or anything thrown) to what may be logged. */
export function safeError(error: unknown, depth = 0): SafeError {
  if (typeof error === 'object' && error !== null && summaries.has(error)) return error as SafeError;
  const result = summarize(error, depth);
  summaries.add(result);
  return result;
}

function summarize(error: unknown, depth: number): SafeError {
  if (!isErrorLike(error) || typeof error !== 'object' || error === null) {
    return { type: error === null ? 'null' : typeof error };
  }
  const name = field(error, 'name');
  const result: SafeError = { type: typeof name === 'string' && CODE.test(name) ? name : 'Error' };
  const code = field(error, 'code');
  if (typeof code === 'string' && CODE.test(code)) result.code = code;
  const data = field(error, 'data');
  const slackError = typeof data === 'object' && data !== null ? field(data, 'error') : undefined;
  if (typeof slackError === 'string' && SLACK_ERROR_CODE.test(slackError)) result.slackError = slackError;
  const statusCode = field(error, 'statusCode');
  if (typeof statusCode === 'number') result.statusCode = statusCode;
  // A bare Error's message is free text written anywhere; named or coded errors
  // (ECONNREFUSED, MaxRetriesPerRequestError, TypeError) describe the failure.
  const message = field(error, 'message');
  const described = result.type !== 'Error' || result.code !== undefined;
  if (typeof message === 'string' && message !== '' && described && result.type !== 'SyntaxError' && isSafeText(message)) {
    result.detail = message;
  }
  const stack = stackFrames(field(error, 'stack'));
  if (stack) result.stack = stack;
  // Bolt wraps listener errors (UnknownError.original); Node chains them (cause).
  const inner = field(error, 'cause') ?? field(error, 'original');
  if (inner !== undefined && depth < 3) result.cause = safeError(inner, depth + 1);
  return result;
}

const MAX_DEPTH = 8;

/**
 * A copy of a log record with sensitive fields redacted at any depth, errors
 * reduced to SafeError, and unsafe strings replaced. Cycles are cut.
 */
export function scrub(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (typeof value === 'string') return safeText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (summaries.has(value)) return value;
  if (isErrorLike(value)) return safeError(value);
  if (seen.has(value) || depth >= MAX_DEPTH) return REDACTED;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1, seen));
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return REDACTED;
  if (value instanceof Date) return value.toISOString();
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? REDACTED : scrub(item, depth + 1, seen);
  }
  return copy;
}

/** Pino `redact` paths for the sensitive fields, down to three levels (scrub covers deeper ones). */
export function redactPaths(): string[] {
  const keyed = SENSITIVE_KEYS.filter((key) => /^[A-Za-z_]\w*$/.test(key));
  return keyed.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
}
