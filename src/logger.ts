import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { LogLevel } from './config';
import { REDACTED, redactPaths, safeError, safeText, scrub } from './logging/scrub';

/**
 * The bot's logger: pino JSON lines on stdout (`npm run dev` pipes them through
 * pino-pretty). Confidentiality is the product's promise, so user-written text
 * is kept out structurally, in three layers that do not rely on each other:
 * every record is scrubbed (payload fields at any depth, errors reduced, unsafe
 * strings replaced), pino's `redact` censors the same fields by path, and the
 * message itself is checked. Log ids, kinds and counts; never what people wrote.
 */

export { boltLogger } from './logging/bolt-logger';
export type { Logger } from 'pino';

function isErrorLike(value: unknown): value is Error {
  return value instanceof Error;
}

/** The error a record carries under `err` or `error`, if any. */
function errorIn(record: unknown): Error | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const { err, error } = record as { err?: unknown; error?: unknown };
  if (isErrorLike(err)) return err;
  return isErrorLike(error) ? error : undefined;
}

/** The err/error fields: whatever was put there, only its safe shape is written. */
function errorField(value: unknown): unknown {
  return isErrorLike(value) ? safeError(value) : scrub(value);
}

/** Creates the JSON logger at `level`, writing to stdout or to `destination` (tests). */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    redact: { paths: redactPaths(), censor: REDACTED },
    serializers: {
      err: errorField,
      error: errorField,
      msg: (message: unknown) => (typeof message === 'string' ? safeText(message) : message),
    },
    formatters: {
      log: (record) => scrub(record) as Record<string, unknown>,
      bindings: (bindings) => scrub(bindings) as Record<string, unknown>,
    },
    hooks: {
      // pino turns an error's message into the line's msg; use the safe summary instead.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        const error = isErrorLike(first) ? first : errorIn(first);
        if (error && typeof rest[0] !== 'string') {
          const summary = safeError(error);
          const record = isErrorLike(first) ? { err: first } : first;
          return method.apply(this, [record, summary.detail ?? summary.type] as Parameters<typeof method>);
        }
        if (isErrorLike(first)) return method.apply(this, [{ err: first }, ...rest] as Parameters<typeof method>);
        return method.apply(this, args);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
