/**
 * One session as its people see it in bench:http, and their hands: the card,
 * the thread, the newest prompt, and a modal move (click, wait for the modal,
 * fill it, send it). Waits go through the shared Watch.
 */
import { performance } from 'node:perf_hooks';
import type { ModalHandle, SeenItem, SlackEmulator, Where } from '../../dev/emulator';
import type { Format } from '../../src/engine/formats/schema';
import { cardOf, latestPrompt, threadOf, turnOf } from './http-screen';
import type { Roster } from './http-people';
import type { Watch } from './watch';

/** What a session's players share. */
export interface PlayContext {
  emulator: SlackEmulator;
  watch: Watch;
  format: Format;
  /** How long to wait for the bot to show a move's effect before looking again (ms). */
  timeoutMs: number;
  /** How long a person thinks before each move (ms). */
  thinkMs: () => number;
  /** Moves after the start before the session is left as it is (Infinity: the whole session, closed at the end). */
  maxMoves: number;
  /** No move is started after this time (Date.now); Infinity: none. */
  deadline: number;
  /** Called just before the facilitator closes the session (e.g. to read its seq). */
  beforeClose?: (roster: Roster) => Promise<void>;
}

/** What one session's play measured. */
export interface PlayRecord {
  /** ms from a move's ack until the screen showed its effect. */
  lagsMs: number[];
  /** ms from a click until the modal it opens was open. */
  modalMs: number[];
  moves: number;
  /** Waits that ran out (the effect never showed, or a modal never opened). */
  stalls: number;
  closed: boolean;
  /** A person met a screen they could not act on (e.g. a modal without the expected input): the session was left there. */
  broken: boolean;
}

export function emptyRecord(): PlayRecord {
  return { lagsMs: [], modalMs: [], moves: 0, stalls: 0, closed: false, broken: false };
}

export class SessionView {
  constructor(
    readonly ctx: PlayContext,
    readonly roster: Roster,
    readonly record: PlayRecord,
  ) {}

  card(): SeenItem | undefined {
    return cardOf(this.ctx.emulator, this.roster.channel);
  }

  /** The thread as the facilitator sees it (messages only). */
  thread(viewer = this.roster.facilitator): SeenItem[] {
    return threadOf(this.ctx.emulator, this.ctx.emulator.person(viewer), this.roster.channel);
  }

  where(): Where {
    return { channel: this.roster.channel, thread: this.card()?.ts ?? '' };
  }

  prompt(): ReturnType<typeof latestPrompt> {
    return latestPrompt(this.thread());
  }

  /** Changes whenever the newest prompt changes at all. */
  promptKey(): string {
    const prompt = this.prompt();
    return `${prompt?.item.ts ?? ''}|${prompt?.text ?? ''}`;
  }

  /** Changes when the turn, the round or the phase moves on (not on other redraws of the prompt). */
  turnKey(): string {
    const prompt = this.prompt();
    const turn = prompt ? turnOf(prompt.text) : undefined;
    return `${prompt?.title ?? ''}|${turn?.holder ?? ''}|${turn?.round ?? ''}|${prompt?.text.includes('Phase done') ?? false}`;
  }

  /** Waits until `probe` holds, on changes in the session's channel and to these people; false when it timed out. */
  async until(probe: () => boolean, people: string[] = []): Promise<boolean> {
    const ok = await this.ctx.watch.until([this.roster.channel, ...people], () => probe() || undefined, this.ctx.timeoutMs);
    if (!ok) this.record.stalls += 1;
    return ok === true;
  }

  /** Waits for the effect of a move acked at `ackAt` (performance.now) and records the lag. */
  async effect(ackAt: number, probe: () => boolean): Promise<boolean> {
    const ok = await this.until(probe);
    if (ok) this.record.lagsMs.push(performance.now() - ackAt);
    return ok;
  }

  /** Clicks a button once the person sees it; resolves with the ack time (performance.now), or undefined when it never showed. */
  async click(user: string, label: string, where: Where = this.where()): Promise<number | undefined> {
    const person = this.ctx.emulator.person(user);
    if (!(await this.until(() => person.findButton(label, where) !== undefined, [user]))) return undefined;
    this.record.moves += 1;
    await person.click(label, where);
    return performance.now();
  }

  /**
   * Clicks `label`, waits for the modal, lets `fill` fill it, sends it, closes
   * whatever the bot left open; resolves with the submission's ack time, or
   * undefined when the modal never opened or refused the input.
   */
  async modalMove(user: string, label: string, fill: (modal: ModalHandle) => Promise<void>, where: Where = this.where()): Promise<number | undefined> {
    const { emulator } = this.ctx;
    const person = emulator.person(user);
    await this.closeModals(user);
    const clicked = performance.now();
    if ((await this.click(user, label, where)) === undefined) return undefined;
    if (!(await this.until(() => emulator.openViews(user).length > 0, [user]))) return undefined;
    this.record.modalMs.push(performance.now() - clicked);
    const modal = person.modal();
    await fill(modal);
    this.record.moves += 1;
    const { errors, response } = await modal.submit();
    const ackAt = performance.now();
    await this.closeModals(user);
    return errors || response.status !== 200 ? undefined : ackAt;
  }

  /** Closes whatever modals the person still has open (one the bot opened late, or one a failed ack left). */
  async closeModals(user: string): Promise<void> {
    const person = this.ctx.emulator.person(user);
    while (this.ctx.emulator.openViews(user).length > 0) await person.modal().close();
  }

  /** Waits as a person thinks before a move. */
  async think(): Promise<void> {
    const ms = this.ctx.thinkMs();
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }
}
