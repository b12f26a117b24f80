import type { Clock } from '../clock';
import type { PrivateRooms } from '../config';
import type { FormatRegistry } from '../engine/formats';
import type { SchedulerOptions } from '../scheduler/scheduler';
import type { SessionStore } from '../store/session-store';
import type { TimerStore } from '../scheduler/timer-store';

/** What running sessions needs besides the app: where they are kept, their timers, formats and time. */
export interface SessionWiring {
  store: SessionStore;
  timers: TimerStore;
  registry: FormatRegistry;
  clock: Clock;
  /** A session with no activity for this many days is closed and deleted. */
  idleDays: number;
  /** No session lives longer than this many days. */
  maxDays: number;
  /** Hours before an asynchronous deadline when the last reminder goes out. */
  reminderLeadHours: number;
  /** Whether sessions may (or must) be held in a private channel of their own; default offered. */
  privateRooms?: PrivateRooms;
  scheduler?: SchedulerOptions;
  /** How often to look for work a crash left behind (ms). */
  sweepIntervalMs?: number;
}
