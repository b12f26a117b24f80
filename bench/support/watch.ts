/**
 * Waiting for what people see, for many sessions at once. One 'change'
 * listener on the emulator re-checks only the waits that look at the changed
 * channel or person (a DM counts as its person), plus every wait every 50 ms;
 * the emulator's own waitFor would re-run every probe on every change.
 */
import type { ChangeEvent, SlackEmulator } from '../../dev/emulator';

interface Wait {
  keys: ReadonlySet<string>;
  check(): void;
}

export class Watch {
  private readonly waits = new Set<Wait>();
  private readonly poll: NodeJS.Timeout;
  private readonly onChange = (event: ChangeEvent): void => {
    const keys = [event.channel, event.user];
    const channel = event.channel ? this.emulator.ws.channels.get(event.channel) : undefined;
    if (channel?.is_im) keys.push(channel.user);
    for (const wait of [...this.waits]) if (keys.some((key) => key !== undefined && wait.keys.has(key))) wait.check();
  };

  constructor(private readonly emulator: SlackEmulator) {
    emulator.on('change', this.onChange);
    this.poll = setInterval(() => {
      for (const wait of [...this.waits]) wait.check();
    }, 50);
  }

  /**
   * Resolves with the probe's first value other than undefined/false, checked
   * at once, on changes to `keys` (channel or user ids) and every 50 ms; with
   * undefined after `timeoutMs`. A probe that throws counts as "not yet".
   */
  until<T>(keys: readonly string[], probe: () => T | undefined | false, timeoutMs: number): Promise<T | undefined> {
    return new Promise((resolve) => {
      const done = (value: T | undefined): void => {
        this.waits.delete(wait);
        clearTimeout(timer);
        resolve(value);
      };
      const wait: Wait = {
        keys: new Set(keys),
        check: () => {
          let value: T | undefined | false;
          try {
            value = probe();
          } catch {
            return;
          }
          if (value !== undefined && value !== false) done(value);
        },
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      this.waits.add(wait);
      wait.check();
    });
  }

  close(): void {
    clearInterval(this.poll);
    this.emulator.off('change', this.onChange);
  }
}
