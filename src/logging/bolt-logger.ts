import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Level, Logger } from 'pino';
import { REDACTED, isSafeText, safeError } from './scrub';

/**
 * Bolt, the WebClient and the Socket Mode client log request and response
 * bodies at debug level ("ack() call begins (body: …)", "http request body: …",
 * "Received a message on the WebSocket: …", "Error details: …"). This adapter
 * lets their own sentences through and cuts every payload off them.
 */

/** Where a library message starts quoting a payload: everything after it is dropped. */
const PAYLOAD_MARKERS: readonly RegExp[] = [
  /\b(?:body|headers|result|details|data|payload|storedResponse|event|buffer)\s*:/i,
  /\bWebSocket(?: message)?:/,
  /\(will ignore\):/,
];
/** Where a message starts quoting an error; a bare Slack error code after it may stay. */
const ERROR_MARKER = /\berror\s*[:!]/i;
const BARE_CODE = /^\s*[a-z0-9_]{1,64}\)?\s*$/;

function firstMarker(text: string): { start: number; end: number; error: boolean } | undefined {
  let found: { start: number; end: number; error: boolean } | undefined;
  const consider = (match: RegExpExecArray | null, error: boolean): void => {
    if (match && (found === undefined || match.index < found.start)) {
      found = { start: match.index, end: match.index + match[0].length, error };
    }
  };
  for (const marker of PAYLOAD_MARKERS) consider(marker.exec(text), false);
  consider(ERROR_MARKER.exec(text), true);
  return found;
}

/** A library's log string with any payload it quotes removed. */
export function sanitizeLibraryText(text: string): string {
  const marker = firstMarker(text);
  if (marker) {
    const head = text.slice(0, marker.end);
    const rest = text.slice(marker.end);
    if (!isSafeText(head)) return REDACTED;
    if (marker.error && BARE_CODE.test(rest)) return `${head}${rest}`;
    return `${head} ${REDACTED}`;
  }
  return isSafeText(text) ? text : REDACTED;
}

const LEVEL_RANK: Record<string, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/** Bolt's level name for a pino level (trace is Bolt's debug; fatal and silent are error). */
export function boltLevelOf(level: string): LogLevel {
  const rank = LEVEL_RANK[level] ?? LEVEL_RANK.info ?? 30;
  if (rank <= 20) return LogLevel.DEBUG;
  if (rank <= 30) return LogLevel.INFO;
  if (rank <= 40) return LogLevel.WARN;
  return LogLevel.ERROR;
}

/**
 * A Bolt/WebClient logger that writes through `root` (pino). Bolt may set its
 * level, but never more verbose than the root logger allows.
 */
export function boltLogger(root: Logger): BoltLogger {
  const target = root.child({ component: 'slack' });
  let name: string | undefined;

  const write = (level: Level, args: unknown[]): void => {
    if (!target.isLevelEnabled(level)) return;
    const words: string[] = [];
    let err: ReturnType<typeof safeError> | undefined;
    for (const arg of args) {
      if (typeof arg === 'string') words.push(sanitizeLibraryText(arg));
      else if (typeof arg === 'number' || typeof arg === 'boolean') words.push(String(arg));
      else if (arg instanceof Error) err ??= safeError(arg);
      else if (arg !== undefined) words.push(REDACTED); // free-form objects are payloads
    }
    const fields = { ...(name ? { logger: name } : {}), ...(err ? { err } : {}) };
    target[level](fields, words.join(' ') || (err ? err.type : ''));
  };

  return {
    debug: (...args: unknown[]) => write('debug', args),
    info: (...args: unknown[]) => write('info', args),
    warn: (...args: unknown[]) => write('warn', args),
    error: (...args: unknown[]) => write('error', args),
    setLevel(level: LogLevel): void {
      const requested = LEVEL_RANK[level] ?? 30;
      const floor = LEVEL_RANK[root.level] ?? 30;
      target.level = requested >= floor ? level : root.level;
    },
    getLevel: () => boltLevelOf(target.level),
    setName(newName: string): void {
      name = isSafeText(newName) ? newName : undefined;
    },
  };
}
