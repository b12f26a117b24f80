/**
 * One session of the chaos test, played by its people through the real bot
 * processes: /intervision new, everyone confirms the agreement, Start, the
 * case, rounds of inputs and passes (and the presenter's answers), then the
 * facilitator closes it. Every person acts on what they see, as in the other
 * e2e tests, but under chaos a click or a form may get no answer (the process
 * was killed), an error (Redis is restarting) or a late one: the player then
 * reads the stored session (the truth) and does the move again, as a person
 * would who saw nothing happen. Choices come from the session's own seeded
 * PRNG, drawn once per turn, so a seed replays the same sessions.
 *
 * Every text a person sends is unique and remembered with whether its
 * submission was acknowledged (HTTP 200 within Slack's 3 s, no error shown
 * in the form): those are the inputs that must never be lost.
 */
import type { Redis } from 'ioredis';
import { ACK_DEADLINE_MS, type DriverResponse, type EmuMessage, type ModalHandle, type SeenItem, type SlackDriver, type SlackEmulator, type Where, blocksText } from '../../dev/emulator';
import { type Control, controlsOf } from '../../dev/emulator/screen';
import { currentPhase, formats, pendingAnswers, turnHolder } from '../../src/engine';
import type { RoundsPhase, StatementPhase } from '../../src/engine/formats/schema';
import type { Session } from '../../src/engine/session';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { ACTIONS, type ActionRef, CALLBACKS, parseAction } from '../../src/slack/ids';
import type { RedisSessionStore } from '../../src/store/redis/redis-session-store';
import type { Rng } from './fuzz-garbage';
import { PLACE, inputField } from './play';

const FORMAT = formats.require('progress-focused');
const ROUNDS_PHASES = FORMAT.phases.filter((p): p is RoundsPhase => p.kind === 'rounds');
/** How long a person waits for a modal after clicking what opens it (a faulted views.open is retried after ~1 s). */
const MODAL_WAIT_MS = 8_000;
/**
 * How long the creator waits for the session to be set up after the form's
 * answer before trying again (a process killed right after the answer never
 * sets it up; Slack's retries on a faulted look-up take a few seconds).
 */
const SET_UP_WAIT_MS = 20_000;
/** How long a person waits to see their move change the session before doing it again. */
const MOVE_WAIT_MS = 4_000;
/** Moves (and retries) one session may take before the lane gives up as stuck. */
const MOVE_BUDGET = 400;

/** What the lanes share: the workspace, the chaos Redis as the test reads it, and the run's clock of progress. */
export interface World {
  emulator: SlackEmulator;
  driver: SlackDriver;
  store: RedisSessionStore;
  redis: Redis;
  /** The longest wait for the bot to converge (one check). */
  waitMs: number;
  /** Marks every text people write in this run (the seed), so texts are unique across runs. */
  tag: string;
  /** Counts a request sent to the bot (the conductor triggers chaos by this count). */
  tick(): void;
  /** A person's pause before they act (so the sessions overlap the chaos instead of racing past it). */
  think(): Promise<void>;
}

/** Who is in one session, and what they will do. */
export interface LanePlan {
  index: number;
  channel: string;
  facilitator: string;
  presenter: string;
  /** Members named in the form (the facilitator gives inputs too: the format's default). */
  members: string[];
  /** The presenter writes the case down (else tells it aloud). */
  writeCase: boolean;
  /** How many rounds phases are played before the facilitator closes (1 to 3). */
  phases: number;
  /** Per rounds phase: the rounds in which members give inputs; a round of passes follows. */
  inputRounds: number[];
}

/** A text someone sent in a form. */
export interface Written {
  session: number;
  kind: 'case' | 'input' | 'answer';
  text: string;
  /** HTTP 200 within 3 s and no error in the form: the bot said it has it. */
  acked: boolean;
}

/** What a lane did and what it found. */
export interface LaneResult {
  plan: LanePlan;
  sessionId?: string;
  cardTs?: string;
  written: Written[];
  requests: number;
  /** Requests that got no answer, an error status or a late answer. */
  unanswered: number;
  /** Moves made again because the session did not move (refused, lost with a process, Redis away). */
  repeated: number;
  problems: string[];
  /** Bot messages in the session's people's DMs before close (the invitations): gone after close. */
  dmsBeforeClose: Array<{ channel: string; ts: string }>;
  /** Messages in the presenter's DM before close; those after are the private copy. */
  presenterDmBefore: string[];
  closed: boolean;
}

/** Draws a session's plan from its PRNG. */
export function planLane(index: number, rng: Rng): LanePlan {
  const id = (role: string): string => `U0C${index}${role}`;
  const phases = 1 + rng.int(ROUNDS_PHASES.length);
  return {
    index,
    channel: `C0CHAOS${index}`,
    facilitator: id('F'),
    presenter: id('P'),
    members: [id('M1'), id('M2')],
    writeCase: rng.chance(0.5),
    phases,
    inputRounds: ROUNDS_PHASES.slice(0, phases).map(() => 1 + rng.int(2)),
  };
}

/** Requests a plan takes when nothing fails (for spreading the chaos over the run). */
export function expectedRequests(plan: LanePlan): number {
  const turns = plan.inputRounds.reduce((sum, rounds) => sum + (rounds + 1) * 3 + rounds * 3 * 0.7, 0);
  const answers = (plan.inputRounds[0] ?? 0) * 3 * 0.7 * 2;
  return 2 + 2 * 2 + 1 + (plan.writeCase ? 2 : 1) + turns + answers + 1;
}

/** Adds the plan's people and channel to the workspace. */
export function seedLane(emulator: SlackEmulator, plan: LanePlan, botUser: string): void {
  const people = [plan.facilitator, plan.presenter, ...plan.members];
  for (const user of people) emulator.addUser({ id: user, name: user.toLowerCase(), real_name: `Chaos ${user.slice(3)}`, tz: 'UTC' });
  emulator.addChannel({ id: plan.channel, name: `chaos-${plan.index}`, members: [...people, botUser] });
}

/** The messages in the bot's DM with `user` (none before it wrote to them). */
export function dmMessages(emulator: SlackEmulator, user: string): EmuMessage[] {
  const dm = [...emulator.ws.channels.values()].find((c) => c.is_im && c.user === user);
  return dm ? emulator.ws.allMessages(dm.id) : [];
}

/** Fills in a form; false when it went away meanwhile (the person starts the move again). */
async function filled(fill: () => Promise<void>): Promise<boolean> {
  try {
    await fill();
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function acked(response: DriverResponse | undefined): boolean {
  return response !== undefined && response.status === 200 && response.ms <= ACK_DEADLINE_MS;
}

/** Everything a seen item shows, as text. */
export function shown(item: SeenItem | { text?: unknown; blocks?: unknown }): string {
  const blocks = Array.isArray(item.blocks) ? (item.blocks as Parameters<typeof blocksText>[0]) : [];
  return `${String(item.text ?? '')}\n${blocksText(blocks)}`;
}

class LaneRun {
  readonly result: LaneResult;
  private sessionId = '';
  private moves = 0;
  private written = 0;
  /** Each turn's choice, drawn once: "<phase>:<round>:<user>" -> gives an input. */
  private readonly choices = new Map<string, boolean>();

  constructor(
    private readonly world: World,
    private readonly plan: LanePlan,
    private readonly rng: Rng,
  ) {
    this.result = { plan, written: [], requests: 0, unanswered: 0, repeated: 0, problems: [], dmsBeforeClose: [], presenterDmBefore: [], closed: false };
  }

  private get emulator(): SlackEmulator {
    return this.world.emulator;
  }

  private get thread(): Where {
    return { channel: this.plan.channel, thread: this.result.cardTs ?? '' };
  }

  /** Polls `probe` (a throw counts as "not yet") until it holds; fails after `ms`. */
  private async until(what: string, probe: () => boolean | Promise<boolean>, ms = this.world.waitMs): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      if (await Promise.resolve().then(probe).catch(() => false)) return;
      if (Date.now() > deadline) throw new Error(`session ${this.plan.index}: waited ${ms} ms in vain until ${what}`);
      await sleep(50);
    }
  }

  /** Like until, but false instead of a failure. */
  private async within(ms: number, probe: () => boolean | Promise<boolean>): Promise<boolean> {
    return this.until('', probe, ms).then(
      () => true,
      () => false,
    );
  }

  /** The session as stored, read through a Redis restart. */
  private async load(): Promise<Session | null> {
    let failure: unknown;
    const deadline = Date.now() + this.world.waitMs;
    while (Date.now() < deadline) {
      try {
        return await this.world.store.load(this.sessionId);
      } catch (error) {
        failure = error;
        await sleep(100);
      }
    }
    throw new Error(`session ${this.plan.index}: the store did not answer: ${String(failure)}`);
  }

  /** One request to the bot; undefined when it got no answer at all. */
  private async send<T extends DriverResponse>(request: () => Promise<T>): Promise<T | undefined> {
    await this.world.think();
    this.world.tick();
    this.result.requests += 1;
    this.moves += 1;
    if (this.moves > MOVE_BUDGET) throw new Error(`session ${this.plan.index}: no end after ${MOVE_BUDGET} moves`);
    try {
      const response = await request();
      if (!acked(response)) this.result.unanswered += 1;
      return response;
    } catch {
      this.result.unanswered += 1;
      return undefined;
    }
  }

  /** A button `user` sees in `where` with this action id, whose reference passes `accept`. */
  private button(user: string, where: Where, actionId: string, accept: (ref: ActionRef) => boolean): { item: SeenItem; control: Control } | undefined {
    for (const item of this.emulator.person(user).seen(where)) {
      for (const control of controlsOf(item.blocks)) {
        if (control.element.type !== 'button' || control.element.action_id !== actionId) continue;
        const ref = parseAction(control.element.value);
        if (ref && ref.sessionId === this.sessionId && accept(ref)) return { item, control };
      }
    }
    return undefined;
  }

  /** Waits until `user` sees the button, then clicks it (a confirm dialog counts as confirmed). */
  private async click(user: string, where: Where, actionId: string, accept: (ref: ActionRef) => boolean = () => true): Promise<DriverResponse | undefined> {
    let found: ReturnType<LaneRun['button']>;
    await this.until(`${user} sees the button ${actionId}`, () => (found = this.button(user, where, actionId, accept)) !== undefined);
    const { item, control } = found as NonNullable<typeof found>;
    const el = control.element;
    const action = { type: 'button', action_id: el.action_id, block_id: control.block.block_id, text: el.text, value: el.value };
    this.closeModals(user);
    return this.send(() => this.world.driver.blockAction({ user, source: item.source, action }));
  }

  /** The person dismisses whatever modal is left open (a form that got no answer stays open in Slack). */
  private closeModals(user: string): void {
    this.emulator.ws.modalStack(user).splice(0);
  }

  /** The modal `user` has open with this callback id, once it opened. */
  private async modal(user: string, callbackId: string): Promise<ModalHandle | undefined> {
    const open = () => this.emulator.ws.modalStack(user).at(-1)?.callback_id === callbackId;
    if (!(await this.within(MODAL_WAIT_MS, open))) return undefined;
    return this.emulator.person(user).modal();
  }

  /** Fills and sends a text form; remembers the text and whether it was acknowledged. */
  private async sendText(user: string, callbackId: string, label: string, kind: Written['kind']): Promise<void> {
    const modal = await this.modal(user, callbackId);
    if (!modal) return;
    this.written += 1;
    // Ends with a word, so no text is the beginning of another (input 1 / input 12).
    const text = `chaos ${this.world.tag} s${this.plan.index} ${kind} ${this.written} ok`;
    if (!(await filled(() => modal.fill(label, text)))) return;
    const ok = await this.submit(modal);
    this.result.written.push({ session: this.plan.index, kind, text, acked: ok });
  }

  /** Sends a form; true when the bot acknowledged it (HTTP 200 within 3 s, no error shown in the form). */
  private async submit(modal: ModalHandle): Promise<boolean> {
    const answer = await this.send(async () => {
      const { errors, response } = await modal.submit();
      return { ...response, shownErrors: errors !== undefined || response.responseAction === 'errors' };
    });
    const ok = acked(answer) && answer?.shownErrors === false;
    if (answer && acked(answer) && !ok) this.result.unanswered += 1;
    return ok;
  }

  /** Waits briefly for the session to move past `seq` (the move landed); false when it did not. */
  private async moved(seq: number): Promise<boolean> {
    const moved = await this.within(MOVE_WAIT_MS, async () => ((await this.world.store.load(this.sessionId))?.seq ?? Number.MAX_SAFE_INTEGER) > seq);
    if (!moved) this.result.repeated += 1;
    return moved;
  }

  async create(): Promise<void> {
    const { facilitator, presenter, members, channel, index } = this.plan;
    for (;;) {
      const existing = await this.world.store.listByChannel(channel).catch(() => undefined);
      if (existing === undefined) {
        await sleep(200);
        continue;
      }
      if (existing.length > 1) this.result.problems.push(`session ${index}: ${existing.length} sessions were set up in its channel, from forms sent ${SET_UP_WAIT_MS / 1000} s apart or more`);
      if (existing[0]) {
        this.sessionId = existing[0];
        break;
      }
      this.closeModals(facilitator);
      await this.send(() => this.emulator.person(facilitator).command('/intervision', 'new', channel));
      const modal = await this.modal(facilitator, CALLBACKS.newSession);
      if (!modal) continue;
      const ready = await filled(async () => {
        await modal.pickUsers('Presenter (brings the case)', [presenter]);
        await modal.pickUsers('Members', members);
        await modal.fill('Title', `Chaos ${index}`);
        await modal.select(PLACE.label, PLACE.thread);
        await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
      });
      if (ready && (await this.submit(modal))) {
        // The session is set up after the form's answer: wait for it, or for the form to come back with what stopped it.
        const formAgain = (): boolean => this.emulator.ws.modalStack(facilitator).at(-1)?.callback_id === CALLBACKS.newSession;
        await this.within(SET_UP_WAIT_MS, async () => formAgain() || (await this.world.store.listByChannel(channel)).length > 0);
      } else await sleep(500);
    }
    // The creator reads "set up" and presses Done.
    this.closeModals(facilitator);
    this.result.sessionId = this.sessionId;
    // The card is posted after the ack, by whichever process runs the outbox: wait for it.
    await this.until('the card is posted', async () => {
      this.result.cardTs = (await this.world.store.messages(this.sessionId)).card?.ts;
      return this.result.cardTs !== undefined;
    });
  }

  async agree(): Promise<void> {
    const people = [this.plan.presenter, ...this.plan.members];
    // Who reads their invitation first is the session's choice.
    for (let i = people.length - 1; i > 0; i -= 1) {
      const j = this.rng.int(i + 1);
      [people[i], people[j]] = [people[j] as string, people[i] as string];
    }
    for (const user of people) {
      for (;;) {
        const session = await this.load();
        if (!session || session.agreed.includes(user)) break;
        await this.click(user, 'dm', ACTIONS.join);
        const modal = await this.modal(user, CALLBACKS.join);
        if (modal && (await filled(() => modal.check('Your confirmation', ['I agree'])))) {
          await this.submit(modal);
          this.closeModals(user);
        }
        await this.moved(session.seq);
      }
    }
  }

  async start(): Promise<void> {
    for (;;) {
      const session = await this.load();
      if (!session || session.status !== 'open') return;
      // Start is judged against the exact state the facilitator saw: wait for the card drawn at this seq.
      await this.click(this.plan.facilitator, { channel: this.plan.channel }, ACTIONS.start, (ref) => ref.seq === session.seq);
      await this.moved(session.seq);
    }
  }

  /** Plays until the planned rounds phases are over (or the session ends). */
  async play(): Promise<void> {
    for (;;) {
      const session = await this.load();
      if (!session) throw new Error(`session ${this.plan.index}: gone before close`);
      const phase = currentPhase(session);
      if (session.status !== 'running' || !phase) return;
      if (phase.kind === 'statement') await this.statement(session, phase);
      else if (phase.kind === 'rounds') {
        if (ROUNDS_PHASES.indexOf(phase) >= this.plan.phases) return;
        await this.rounds(session, phase);
      } else return;
    }
  }

  private async statement(session: Session, phase: StatementPhase): Promise<void> {
    const { presenter } = this.plan;
    if (this.plan.writeCase) {
      await this.click(presenter, this.thread, ACTIONS.statementWrite, (ref) => ref.phaseId === phase.id);
      await this.sendText(presenter, CALLBACKS.statement, phase.textLabel, 'case');
    } else {
      await this.click(presenter, this.thread, ACTIONS.statementDone, (ref) => ref.phaseId === phase.id);
    }
    await this.moved(session.seq);
  }

  private async rounds(session: Session, phase: RoundsPhase): Promise<void> {
    const round = session.current?.round;
    const holder = turnHolder(session);
    if (!round || !holder) {
      const [open] = pendingAnswers(session, phase.id);
      if (open) {
        await this.click(this.plan.presenter, this.thread, ACTIONS.answer, (ref) => ref.inputId === open.id);
        await this.sendText(this.plan.presenter, CALLBACKS.answer, 'Your answer', 'answer');
      }
      await this.moved(session.seq);
      return;
    }
    const key = `${phase.id}:${round.number}:${holder}`;
    let gives = this.choices.get(key);
    if (gives === undefined) {
      gives = round.number <= (this.plan.inputRounds[ROUNDS_PHASES.indexOf(phase)] ?? 0) && this.rng.chance(0.7);
      this.choices.set(key, gives);
    }
    const current = (ref: ActionRef): boolean => ref.phaseId === phase.id && ref.round === round.number;
    await this.click(holder, this.thread, gives ? ACTIONS.input : ACTIONS.pass, current);
    if (gives) await this.sendText(holder, CALLBACKS.input, inputField(phase), 'input');
    await this.moved(session.seq);
  }

  /** What the thread shows, as the facilitator sees it: one string per message. */
  threadMessages(): string[] {
    return this.emulator
      .person(this.plan.facilitator)
      .thread(this.plan.channel, this.result.cardTs ?? '')
      .filter((item) => item.kind === 'message')
      .map(shown);
  }

  /** Before close: every acknowledged text is stored and shown, in exactly one message. */
  async checkBeforeClose(): Promise<void> {
    const { index } = this.plan;
    const texts = this.result.written.filter((w) => w.acked);
    const session = await this.load();
    const stored = JSON.stringify(session ?? {});
    const lost = texts.filter((w) => !stored.includes(w.text));
    if (lost.length > 0) this.result.problems.push(`session ${index}: ${lost.length} acknowledged ${lost.map((w) => w.kind).join(', ')} not in the stored session (LOST: ${lost.map((w) => w.text).join(' / ')})`);
    const everyShown = () => texts.every((w) => this.threadMessages().some((m) => m.includes(w.text)));
    if (!(await this.within(this.world.waitMs, everyShown))) {
      const missing = texts.filter((w) => !this.threadMessages().some((m) => m.includes(w.text)));
      this.result.problems.push(`session ${index}: after ${this.world.waitMs} ms, ${missing.length} acknowledged texts still not shown in the thread (${missing.map((w) => w.text).join(' / ')})`);
    }
    for (const w of texts) {
      const count = this.threadMessages().filter((m) => m.includes(w.text)).length;
      if (count > 1) this.result.problems.push(`session ${index}: "${w.text}" is shown in ${count} messages of the thread (a message posted twice)`);
    }
  }

  /** The facilitator closes the session; resolves once the bot has taken the close (the purge may still run). */
  async close(): Promise<void> {
    const people = [this.plan.facilitator, this.plan.presenter, ...this.plan.members];
    const bot = this.emulator.ws.bot.userId;
    this.result.dmsBeforeClose = people.flatMap((user) => dmMessages(this.emulator, user).filter((m) => m.user === bot).map((m) => ({ channel: m.channel, ts: m.ts })));
    this.result.presenterDmBefore = dmMessages(this.emulator, this.plan.presenter).map((m) => m.ts);
    for (;;) {
      const session = await this.load();
      if (!session || session.status === 'closing') break;
      await this.click(this.plan.facilitator, { channel: this.plan.channel, ts: this.result.cardTs ?? '' }, ACTIONS.close);
      await this.moved(session.seq);
    }
    this.result.closed = true;
  }
}

/** Plays one session from creation to close; a lane that gets stuck reports why instead of throwing. */
export async function playLane(world: World, plan: LanePlan, rng: Rng): Promise<LaneResult> {
  const run = new LaneRun(world, plan, rng);
  try {
    await run.create();
    await run.agree();
    await run.start();
    await run.play();
    await run.checkBeforeClose();
    await run.close();
  } catch (error) {
    run.result.problems.push(error instanceof Error ? error.message : String(error));
  }
  return run.result;
}
