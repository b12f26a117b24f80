/**
 * The bot's own logger (redaction and all) writing into an array instead of
 * stdout, so a test can check what was logged, and what was not.
 */
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import type { LogLevel } from '../../src/config';
import { createLogger } from '../../src/logger';

/** A logger at `level` and the lines it wrote, one JSON line each. */
export function capturedLogger(level: LogLevel): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger(level, destination), lines };
}
