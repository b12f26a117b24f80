import type { Logger } from 'pino';

/**
 * Work started by incoming requests that must finish before the process exits
 * (a facilitator's click that is halfway through its commit, for instance).
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Follows `work` until it settles and hands it back unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    const followed = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(followed);
    void followed.then(() => this.running.delete(followed));
    return work;
  }

  /** How many pieces of work are running. */
  get size(): number {
    return this.running.size;
  }

  /** Resolves once nothing is in flight, including work that started while waiting. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all([...this.running]);
    }
  }
}

/** The process as the shutdown handlers see it (the real one, or a stand-in in tests). */
export interface ProcessLike {
  on(event: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

export interface ShutdownOptions {
  logger: Logger;
  /** Stops taking requests, lets in-flight work finish, closes connections. */
  stop: () => Promise<void>;
  /** After this long the process exits with status 1 even if `stop` is stuck. */
  timeoutMs?: number;
  exit?: (code: number) => void;
  target?: ProcessLike;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Installs the process-wide handlers: SIGTERM/SIGINT stop the bot gracefully
 * (exit 0, or 1 when stopping takes longer than the timeout); a stray promise
 * rejection is logged and the bot keeps serving; an uncaught exception leaves
 * the process in an unknown state, so it is logged and the bot shuts down
 * with status 1. Returns the shutdown function.
 */
export function installShutdown(options: ShutdownOptions): (reason: string, code?: number) => Promise<void> {
  const { logger, stop } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const target: ProcessLike = options.target ?? process;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let stopping: Promise<void> | undefined;

  const shutdown = (reason: string, code = 0): Promise<void> => {
    if (stopping) {
      if (reason === 'SIGINT' || reason === 'SIGTERM') {
        // A second signal means "now": whoever sent it does not want to wait.
        logger.warn({ signal: reason }, 'second signal while stopping: exiting at once');
        exit(1);
      }
      return stopping;
    }
    logger.info({ reason, timeoutMs }, 'stopping: no new requests, finishing work in flight');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'stopping took too long: exiting anyway');
      exit(1);
    }, timeoutMs);
    stopping = stop().then(
      () => {
        clearTimeout(timer);
        logger.info({ reason }, 'stopped');
        exit(code);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error({ err: error }, 'stopping failed');
        exit(1);
      },
    );
    return stopping;
  };

  target.on('SIGTERM', () => void shutdown('SIGTERM'));
  target.on('SIGINT', () => void shutdown('SIGINT'));
  target.on('unhandledRejection', (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection (the bot keeps running)');
  });
  target.on('uncaughtException', (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception: shutting down');
    void shutdown('uncaughtException', 1);
  });
  return shutdown;
}
