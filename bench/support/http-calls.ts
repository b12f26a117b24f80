/**
 * The emulator's call log, tallied as it grows: calls per Web API method and
 * the 429s answered. The log is emptied every second so that a long run keeps
 * no more than a second of calls (each holds its blocks).
 */
import type { SlackEmulator } from '../../dev/emulator';

export interface CallCounts {
  byMethod: Map<string, number>;
  /** HTTP 429s answered, per method. */
  throttled: Map<string, number>;
  total: number;
}

export function emptyCounts(): CallCounts {
  return { byMethod: new Map(), throttled: new Map(), total: 0 };
}

const add = (map: Map<string, number>, key: string, n = 1): void => {
  map.set(key, (map.get(key) ?? 0) + n);
};

export class CallTally {
  private counts = emptyCounts();
  private readonly timer: NodeJS.Timeout;
  /** Date.now of the newest call seen. */
  lastCallAt = Date.now();

  constructor(private readonly emulator: SlackEmulator) {
    this.timer = setInterval(() => this.drain(), 1000);
  }

  /** Moves the calls logged so far into the counts. */
  drain(): void {
    const calls = this.emulator.calls();
    this.emulator.log.clear();
    if (calls.length > 0) this.lastCallAt = Date.now();
    for (const call of calls) {
      this.counts.total += 1;
      if (call.status === 429) add(this.counts.throttled, call.method);
      else add(this.counts.byMethod, call.method);
    }
  }

  /** The counts since the last take(), and starts afresh. */
  take(): CallCounts {
    this.drain();
    const taken = this.counts;
    this.counts = emptyCounts();
    return taken;
  }

  /** Resolves once no Web API call came for `quietMs` (the bot has finished what it does after its acks), or after `maxMs`. */
  async quiet(quietMs = 1000, maxMs = 60_000): Promise<void> {
    const until = Date.now() + maxMs;
    for (;;) {
      this.drain();
      if (Date.now() - this.lastCallAt >= quietMs || Date.now() > until) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
