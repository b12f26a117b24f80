/**
 * The playground's clock, which a person can move: an hour, a day, or to the
 * next thing due, so an asynchronous session can be rehearsed in minutes,
 * its reminders and deadlines seen as they would come over days. Moving
 * time fires what falls due on the way, in order, as a scheduler that polled
 * all along would have, and waits until the bot has done what that caused.
 */
import type { Clock } from '../../src/clock';
import type { SessionService } from '../../src/service/session-service';
import { groupTimerOwner, type GroupService } from '../../src/service/groups/group-service';
import type { TimerStore } from '../../src/scheduler/timer-store';
import type { SessionStore } from '../../src/store/session-store';
import type { SlackEmulator } from '../emulator';

const HOUR = 3_600_000;

/** Real time, plus however far the person has moved it. */
export class PlaygroundClock implements Clock {
  private offset = 0;

  now(): number {
    return Date.now() + this.offset;
  }

  /** How far the clock is ahead of real time (ms). */
  ahead(): number {
    return this.offset;
  }

  /** Sets the clock to `at` (only forward). */
  moveTo(at: number): void {
    this.offset += Math.max(0, at - this.now());
  }

  /** Sets how far ahead of real time the clock is (only forward), exactly: "+1 hour" is an hour, however long moving took. */
  moveAheadTo(ahead: number): void {
    this.offset = Math.max(this.offset, ahead);
  }
}

/** How far a person moves time: an hour, a day, to the next deadline or reminder, or to a group's next meeting. */
export type TimeMove = 'hour' | 'day' | 'next' | 'meeting';

/** What moving time needs of the running bot. */
export interface TimeDeps {
  clock: PlaygroundClock;
  emulator: SlackEmulator;
  store: SessionStore;
  timers: TimerStore;
  services: SessionService;
  /** The groups, whose timers (asks, reminders, meetings) are due too; absent, only sessions'. */
  groups?: GroupService;
}

/** Fired on the way at most this many times per move (a guard: a day holds a few per session). */
const MAX_STEPS = 500;

export class PlaygroundTime {
  constructor(private readonly deps: TimeDeps) {}

  /** What the page shows: the playground's time, and how far ahead of real time it is. */
  reading(): { now: number; ahead: number } {
    return { now: this.deps.clock.now(), ahead: this.deps.clock.ahead() };
  }

  /**
   * When the next session timer after `after` is due: a deadline, a reminder,
   * a timebox notice; the idle and max-age checks too with `all`. Undefined when none.
   */
  async nextDue(after: number, all = false): Promise<number | undefined> {
    let next: number | undefined;
    for (const id of [...(await this.sessionIds()), ...(await this.groupOwners())]) {
      for (const { timer } of await this.deps.timers.list(id)) {
        if ((!all && timer.kind === 'idle') || timer.at <= after) continue;
        next = next === undefined ? timer.at : Math.min(next, timer.at);
      }
    }
    return next;
  }

  /** Moves time; false when there is nothing to move to ('next' with nothing due, 'meeting' with no group). */
  async move(how: TimeMove): Promise<boolean> {
    const { clock } = this.deps;
    // Whatever is due already goes first, so the steps below only meet what lies ahead.
    await this.fireAt(clock.now());
    if (how === 'next') return this.toNextThatCounts();
    const target = how === 'meeting' ? await this.nextMeeting() : undefined;
    if (how === 'meeting' && target === undefined) return false;
    const ahead = target !== undefined ? clock.ahead() + (target - clock.now()) : clock.ahead() + (how === 'hour' ? HOUR : 24 * HOUR);
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const due = await this.nextDue(clock.now(), true);
      if (due === undefined || due > Date.now() + ahead) break;
      await this.fireAt(due);
    }
    clock.moveAheadTo(ahead);
    await this.deps.services.scheduler.tick();
    return true;
  }

  /**
   * To the next deadline or reminder that changes something: a timer the
   * engine turns down (a step that has already moved on, a reminder nobody
   * needs any more) changes nothing a person could see, so time goes on to
   * the next one.
   */
  private async toNextThatCounts(): Promise<boolean> {
    const { clock } = this.deps;
    let moved = false;
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const due = await this.nextDue(clock.now());
      if (due === undefined) return moved;
      const before = await this.versions();
      await this.fireAt(due);
      moved = true;
      if ((await this.versions()) !== before) return true;
    }
    return moved;
  }

  /** Every session's and group's seq, as one string: an accepted command (a timer that did something) changes it. */
  private async versions(): Promise<string> {
    const seqs: string[] = [];
    for (const id of await this.sessionIds()) seqs.push(`${id}:${(await this.deps.store.load(id))?.seq ?? 'gone'}`);
    for (const id of (await this.deps.groups?.list()) ?? []) seqs.push(`group:${id}:${(await this.deps.groups?.versionOf(id)) ?? 'gone'}`);
    return seqs.join(',');
  }

  /** When the earliest of the groups' next meetings is, if any group has one planned. */
  private async nextMeeting(): Promise<number | undefined> {
    const { groups } = this.deps;
    if (!groups) return undefined;
    const ats = await Promise.all((await groups.list()).map((id) => groups.nextMeetingAt(id)));
    const planned = ats.filter((at): at is number => at !== undefined);
    return planned.length > 0 ? Math.min(...planned) : undefined;
  }

  /** The groups' timer owners ("group:<id>"). */
  private async groupOwners(): Promise<string[]> {
    return this.deps.groups ? (await this.deps.groups.list()).map(groupTimerOwner) : [];
  }

  /** The sessions in the channels the bot is in. */
  private async sessionIds(): Promise<string[]> {
    const { emulator, store } = this.deps;
    const bot = emulator.ws.bot.userId;
    const ids: string[] = [];
    for (const channel of emulator.ws.channels.values()) {
      if (!channel.is_im && channel.members.includes(bot)) ids.push(...(await store.listByChannel(channel.id)));
    }
    return ids;
  }

  /** Sets the clock to `at` (never back) and fires what is due then, waiting for its effects. */
  private async fireAt(at: number): Promise<void> {
    this.deps.clock.moveTo(at);
    await this.deps.services.scheduler.tick();
  }
}
