/**
 * Waiting for the emulated workspace to reach a state. The app under test acts
 * asynchronously (it acks, then calls the Web API), so tests wait, not sleep.
 */
import type { EventEmitter } from 'node:events';

/**
 * Resolves once `probe` returns something other than undefined/false (a throw counts as not yet). It re-checks on every
 * 'change' and every 10 ms, so it also waits for things outside the emulator (an app's own state).
 */
export function waitUntil<T>(emitter: EventEmitter, probe: () => T | undefined | false, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let lastError: unknown;
    const check = (): void => {
      let value: T | undefined | false;
      try {
        value = probe();
      } catch (error) {
        // A probe may throw until the state exists (e.g. person.modal() before the modal opens).
        lastError = error;
        return;
      }
      if (value === undefined || value === false) return;
      cleanup();
      resolve(value);
    };
    const poll = setInterval(check, 10);
    const timer = setTimeout(() => {
      cleanup();
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      reject(new Error(`waitFor: condition not met within ${timeoutMs} ms${why}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearInterval(poll);
      clearTimeout(timer);
      emitter.off('change', check);
    };
    emitter.on('change', check);
    check();
  });
}
