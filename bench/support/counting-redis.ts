/**
 * A Redis connection that counts what it sends, per unit of work. Work runs
 * inside `measure()`; every command sent while it runs (in its async context)
 * is counted, and so are round trips: commands sent together, before the work
 * could have seen any reply, are one round trip. A reply always arrives in a
 * later turn of the event loop, so "together" means within one synchronous
 * stretch and its microtasks; the window closes with a queued microtask.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Redis, type Command } from 'ioredis';

/** What one unit of work sent. */
export interface Traffic {
  commands: number;
  roundTrips: number;
  /** Commands by name ("evalsha", "hget", ...). */
  byName: Map<string, number>;
}

interface Open extends Traffic {
  windowOpen: boolean;
}

const current = new AsyncLocalStorage<Open>();

/** ioredis with its sendCommand observed (every command, scripts included, passes through it). */
export class CountingRedis extends Redis {
  /** Every command sent on this connection, measured or not. */
  commandsSent = 0;

  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    this.commandsSent += 1;
    const traffic = current.getStore();
    if (traffic) {
      traffic.commands += 1;
      traffic.byName.set(command.name, (traffic.byName.get(command.name) ?? 0) + 1);
      if (!traffic.windowOpen) {
        traffic.roundTrips += 1;
        traffic.windowOpen = true;
        queueMicrotask(() => {
          traffic.windowOpen = false;
        });
      }
    }
    return super.sendCommand(command, stream);
  }
}

/** Runs `work` and returns its result with the Redis traffic it caused on any CountingRedis. */
export async function measure<T>(work: () => Promise<T>): Promise<{ result: T; traffic: Traffic }> {
  const traffic: Open = { commands: 0, roundTrips: 0, byName: new Map(), windowOpen: false };
  const result = await current.run(traffic, work);
  return { result, traffic: { commands: traffic.commands, roundTrips: traffic.roundTrips, byName: traffic.byName } };
}

/**
 * Stops attributing commands to work. Once an AsyncLocalStorage has run,
 * Node keeps its promise hooks on for every promise of the process until it
 * is disabled; left on, they would slow the timed passes that follow.
 */
export function stopMeasuring(): void {
  current.disable();
}
