/**
 * Moves of an asynchronous session as people make them over hours and days,
 * and the counts the async tests check: time passes on the shared
 * ManualClock, every bot process's scheduler fires what fell due, and each
 * direct message the bot sent is counted from the emulator's call log (so a
 * DM deleted at close still counts).
 */
import { closeSetUpView } from '../support/form-problems';
import { HOUR } from '../../src/engine/deadlines';
import type { ApiCall, SlackEmulator } from '../../dev/emulator';
import type { Command, RoundState } from '../../src/engine/session';
import { Dispatcher, type DispatchResult } from '../../src/service/dispatch';
import { timerKey } from '../../src/scheduler/timer-store';
import { CREATOR_AGREEMENT, FACILITATOR_TAKES_PART } from '../../src/slack/blocks/new-session-modal';
import type { TestBot } from '../support/bot';
import { CHANNEL } from '../support/bot';
import { PLACE, agreeFromInvitation, storedSession } from './play';

export { HOUR };

/** The first line of a round reminder DM (reminderDm's fallback text). */
export const ROUND_REMINDER = 'A friendly reminder: round';

/** The presenter reminder DM's fallback text ends so ("Factual questions is waiting for you"). */
export const PRESENTER_REMINDER = 'is waiting for you';

export interface AsyncRoles {
  /** The format's name as the menu shows it (the modal's default when absent). */
  format?: string;
  facilitator: string;
  presenter: string;
  members: string[];
  title?: string;
  /** Hours a round stays open (the modal's default is 24). */
  windowHours?: number;
  workingDaysOnly?: boolean;
  /** Whether the facilitator also gives inputs (progress-focused ticks it by default). */
  facilitatorIsMember?: boolean;
  /** Unless false, the presenter and the members confirm the agreement from their invitations, as they must before the start. */
  agree?: boolean;
}

/**
 * The facilitator creates an asynchronous session through the new-session
 * modal, held in the channel's thread, confirming the agreement in the form;
 * unless `agree` is false, the presenter and the members then confirm it from
 * their invitations. Returns its id.
 */
export async function createAsyncSession(bot: TestBot, roles: AsyncRoles): Promise<string> {
  // Sessions created at the same moment sort by id in the channel's index, so the new one is found by difference.
  const before = new Set(await bot.store.listByChannel(CHANNEL));
  const facilitator = bot.person(roles.facilitator);
  await facilitator.command('/intervision', 'new', CHANNEL);
  await bot.settle();
  const modal = facilitator.modal();
  if (roles.format !== undefined) {
    await modal.select('Format', roles.format);
    await bot.settle();
  }
  await modal.select('How you meet', 'Asynchronous');
  await bot.settle();
  await modal.pickUsers('Presenter (brings the case)', [roles.presenter]);
  await modal.pickUsers('Members', roles.members);
  await modal.fill('Title', roles.title ?? 'Over the week');
  if (!roles.facilitatorIsMember) await modal.check(FACILITATOR_TAKES_PART.label, []);
  if (roles.windowHours !== undefined) await modal.fill('Hours each round stays open', String(roles.windowHours));
  if (roles.workingDaysOnly) await modal.check('Working days', ['Count working days only (skip Saturday and Sunday)']);
  await modal.select(PLACE.label, PLACE.thread);
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  const { errors } = await modal.submit();
  if (errors) throw new Error(`the new-session modal refused: ${JSON.stringify(errors)}`);
  await bot.settle();
  await closeSetUpView(modal);
  const created = (await bot.store.listByChannel(CHANNEL)).filter((id) => !before.has(id));
  if (created.length !== 1 || !created[0]) throw new Error(`expected one new session, found ${created.length}`);
  if (roles.agree !== false) {
    for (const user of [roles.presenter, ...roles.members]) await agreeFromInvitation(bot, user);
  }
  return created[0];
}

/** The session's open asynchronous round and its deadline, as stored; fails the test when none is open. */
export async function openRound(bot: TestBot, sessionId: string): Promise<RoundState & { deadline: number }> {
  const round = (await storedSession(bot, sessionId)).current?.round;
  if (!round?.deadline) throw new Error('no open asynchronous round');
  return { ...round, deadline: round.deadline };
}

/**
 * Time passes: the clock (shared by every process) moves on an hour at most
 * at a time, as it would under a scheduler that polls all along; at each step
 * every process's scheduler fires what fell due, and every process finishes
 * what that caused.
 */
export async function later(bots: TestBot | TestBot[], ms: number, stepMs = HOUR): Promise<void> {
  const all = Array.isArray(bots) ? bots : [bots];
  const clock = all[0]?.clock;
  if (!clock) throw new Error('no bot');
  if (ms < 0) throw new Error('time only moves forward');
  let left = ms;
  do {
    const step = Math.min(left, stepMs);
    clock.advance(step);
    left -= step;
    await Promise.all(all.map((bot) => bot.services.scheduler.tick()));
    for (const bot of all) await bot.settle();
  } while (left > 0);
}

/** Time passes until the clock reads `at` (see later). */
export async function until(bots: TestBot | TestBot[], at: number): Promise<void> {
  const all = Array.isArray(bots) ? bots : [bots];
  const now = all[0]?.clock.now() ?? at;
  await later(all, at - now);
}

/** The id of the bot's DM conversation with a person, once it has one. */
export function dmChannelOf(emulator: SlackEmulator, user: string): string | undefined {
  return [...emulator.ws.channels.values()].find((c) => c.is_im && c.user === user)?.id;
}

/** Every message the bot posted to a person by DM, whose fallback text contains `marker`. */
export function dmsPostedTo(emulator: SlackEmulator, user: string, marker = ''): ApiCall[] {
  const channel = dmChannelOf(emulator, user);
  if (!channel) return [];
  return emulator
    .calls('chat.postMessage')
    .filter((call) => call.ok && call.args.channel === channel && String(call.args.text ?? '').includes(marker));
}

/** How many round reminders each of these people received by DM. */
export function remindersTo(emulator: SlackEmulator, people: Record<string, string>): Record<string, number> {
  return Object.fromEntries(Object.entries(people).map(([name, id]) => [name, dmsPostedTo(emulator, id, ROUND_REMINDER).length]));
}

/** Unix seconds of a deadline, as it appears in Slack's <!date^…> token. */
export function dateToken(ms: number): string {
  return `<!date^${Math.floor(ms / 1000)}^`;
}

/** The timer commands the engine accepted, in every process of this test file, by timer key. */
export interface TimerWatch {
  accepted: string[];
  /** The same, with the session each was for: "<sessionId> <timer key>". */
  bySession: string[];
  /** Puts the dispatcher back as it was. */
  restore(): void;
}

/**
 * Counts accepted timer commands (a repeat the engine turns down is not
 * counted): each acceptance is one round close, one set of reminders. Patched
 * on the prototype so a process started later counts from its first tick.
 */
export function watchTimerCommands(): TimerWatch {
  const original = Dispatcher.prototype.dispatch;
  const accepted: string[] = [];
  const bySession: string[] = [];
  Dispatcher.prototype.dispatch = async function dispatch(this: Dispatcher, sessionId: string, command: Command): Promise<DispatchResult> {
    const result = await original.call(this, sessionId, command);
    if (command.kind === 'timer' && result.ok && !result.duplicate) {
      accepted.push(timerKey(command.timer));
      bySession.push(`${sessionId} ${timerKey(command.timer)}`);
    }
    return result;
  };
  return {
    accepted,
    bySession,
    restore: () => {
      Dispatcher.prototype.dispatch = original;
    },
  };
}
