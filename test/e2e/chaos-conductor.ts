/**
 * The chaos of the chaos test: the bot processes (a fleet that people's
 * requests are spread over, as a load balancer would), and a seeded list of
 * events played while the sessions run: a bot process killed with SIGKILL
 * and started again, Redis stopped (SHUTDOWN or SIGTERM) and started again
 * from its AOF on the same port and directory, and Slack answering the next
 * calls of a method with HTTP 429 (Retry-After) or a 5xx (the emulator's
 * failNext). Events are placed by progress (the count of requests people
 * sent), so a seed replays the same events at about the same moments of the
 * same sessions; the exact interleaving still varies with timing.
 */
import { ACK_DEADLINE_MS, type DriverResponse, type Fault, SlackDriver, type SlackEmulator } from '../../dev/emulator';
import { type BotProcess, startBotProcess } from '../support/bot-process';
import type { ChaosRedis, RedisStop } from '../support/chaos-redis';
import { reapWithTest } from '../support/reaper';
import type { SlackBench } from '../support/slack';
import type { Rng } from './fuzz-garbage';

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function alive(bot: BotProcess): boolean {
  return bot.child.exitCode === null && bot.child.signalCode === null;
}

/** A moment in a request's life: sent to a process, or answered by it. */
export type RequestMoment = 'sent' | 'answered';

/** The bot processes, their Slack-side request URLs, and every process that ever ran (for their logs). */
export class Fleet {
  readonly slots: Array<{ bot: BotProcess; driver: SlackDriver } | undefined> = [];
  readonly everyProcess: BotProcess[] = [];
  private readonly watchers = new Set<(slot: number, moment: RequestMoment) => void>();

  constructor(
    private readonly bench: SlackBench,
    private readonly settings: Record<string, string>,
  ) {}

  /** Starts (or starts again) the process in slot `i`. */
  async start(i: number): Promise<void> {
    const bot = await startBotProcess(this.bench, this.settings, 60_000);
    reapWithTest(bot.child);
    this.everyProcess.push(bot);
    this.slots[i] = { bot, driver: new SlackDriver(this.bench.emulator, { requestUrl: bot.requestUrl }) };
  }

  /** SIGKILLs the process in slot `i`; people's requests go to the others until it is started again. */
  async kill(i: number): Promise<void> {
    const slot = this.slots[i];
    this.slots[i] = undefined;
    await slot?.bot.kill();
  }

  /** A running process's slot and driver, chosen by `rng`; waits while none runs. */
  async pick(rng: Rng): Promise<{ slot: number; driver: SlackDriver }> {
    for (;;) {
      const live = this.slots.flatMap((s, slot) => (s !== undefined && alive(s.bot) ? [{ slot, driver: s.driver }] : []));
      if (live.length > 0) return rng.pick(live);
      await sleep(20);
    }
  }

  /** Tells those waiting in next() that a request reached this moment. */
  observe(slot: number, moment: RequestMoment): void {
    for (const watcher of [...this.watchers]) watcher(slot, moment);
  }

  /** Resolves when a request next reaches `moment` (at process `slot`, or any), or after `ms` without one. */
  next(moment: RequestMoment, slot: number | undefined, ms = 5_000): Promise<void> {
    return new Promise((done) => {
      const finish = (): void => {
        this.watchers.delete(watcher);
        clearTimeout(timer);
        done();
      };
      const watcher = (at: number, what: RequestMoment): void => {
        if (what === moment && (slot === undefined || at === slot)) finish();
      };
      const timer = setTimeout(finish, ms);
      timer.unref();
      this.watchers.add(watcher);
    });
  }

  async stop(): Promise<void> {
    await Promise.all(this.everyProcess.map((bot) => bot.stop()));
  }
}

/**
 * Slack's side of the bot's request URL when several processes serve it: each
 * request goes to one running process, chosen by the PRNG (a load balancer).
 * A process killed while it handles a request leaves that request without an
 * answer (the person sees an error), as it would in production.
 */
export class RoutingDriver extends SlackDriver {
  constructor(
    emulator: SlackEmulator,
    private readonly fleet: Fleet,
    private readonly rng: Rng,
  ) {
    super(emulator, { requestUrl: 'http://127.0.0.1:9/unused' });
  }

  override async send(body: string, contentType: string, extraHeaders: Record<string, string> = {}): Promise<DriverResponse> {
    const { slot, driver } = await this.fleet.pick(this.rng);
    this.fleet.observe(slot, 'sent');
    const answer = await driver.send(body, contentType, extraHeaders);
    this.fleet.observe(slot, 'answered');
    if (answer.ms > ACK_DEADLINE_MS) this.late.push(requestKind(body));
    return answer;
  }

  /** What each request answered after Slack's 3 s was ("view_submission iv_join", "block_actions iv_pass", ...). */
  readonly late: string[] = [];
}

/** A request's kind from its body, for the figures: the payload type and its callback or action id. */
function requestKind(body: string): string {
  const form = new URLSearchParams(body);
  if (form.has('command')) return `command ${form.get('command') ?? ''}`;
  try {
    const payload = JSON.parse(form.get('payload') ?? body) as { type?: string; view?: { callback_id?: string }; actions?: Array<{ action_id?: string }>; event?: { type?: string } };
    return [payload.type, payload.view?.callback_id ?? payload.actions?.[0]?.action_id ?? payload.event?.type].filter(Boolean).join(' ');
  } catch {
    return 'unreadable';
  }
}

/**
 * When a kill or a Redis stop strikes: whenever its turn comes ('any'), while
 * a request is in the process ('in-flight': it gets no answer), or a few ms
 * after a request was answered ('after-ack': the bot is then running the
 * effects of what it just acknowledged).
 */
export type Moment = 'any' | 'in-flight' | 'after-ack';

export type ChaosEvent =
  | { kind: 'kill'; at: number; delayMs: number; slot: number; downMs: number; moment: Moment }
  | { kind: 'redis'; at: number; delayMs: number; how: RedisStop; downMs: number; moment: Exclude<Moment, 'in-flight'> }
  | { kind: 'fault'; at: number; delayMs: number; method: string; fault: Fault; times: number };

/** What the bot calls most (chat.update twice: the most frequent call), and '*' for whatever comes next. */
const FAULT_METHODS = ['chat.postMessage', 'chat.update', 'chat.update', 'chat.delete', 'views.open', 'chat.postEphemeral', 'conversations.open', 'conversations.replies', 'users.info', '*'];
const FAULTS: Fault[] = [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }];

export interface ChaosCounts {
  kills: number;
  redisRestarts: number;
  faults: number;
  /** Bot processes, to pick whom to kill. */
  bots: number;
}

/** The run's events, drawn from `rng`, placed at request counts spread over the first 85% of `expectedRequests`. */
export function planChaos(rng: Rng, counts: ChaosCounts, expectedRequests: number): ChaosEvent[] {
  const span = Math.max(10, Math.floor(expectedRequests * 0.85));
  const at = (): number => 3 + rng.int(span);
  const events: ChaosEvent[] = [];
  for (let i = 0; i < counts.kills; i += 1) {
    const moment = rng.pick(['any', 'in-flight', 'after-ack'] as const);
    events.push({ kind: 'kill', at: at(), delayMs: { any: rng.int(400), 'in-flight': 0, 'after-ack': rng.int(60) }[moment], slot: rng.int(counts.bots), downMs: 200 + rng.int(2500), moment });
  }
  for (let i = 0; i < counts.redisRestarts; i += 1) {
    const moment = rng.pick(['any', 'after-ack'] as const);
    events.push({ kind: 'redis', at: at(), delayMs: moment === 'after-ack' ? rng.int(30) : rng.int(400), how: rng.chance(0.5) ? 'shutdown' : 'sigterm', downMs: rng.int(1500), moment });
  }
  for (let i = 0; i < counts.faults; i += 1) events.push({ kind: 'fault', at: at(), delayMs: rng.int(400), method: rng.pick(FAULT_METHODS), fault: rng.pick(FAULTS), times: 1 + rng.int(3) });
  return events.map((event, order) => ({ event, order })).sort((a, b) => a.event.at - b.event.at || a.order - b.order).map(({ event }) => event);
}

/** One line of the run's timeline (ids, kinds and counts only). */
export function describeEvent(event: ChaosEvent): string {
  switch (event.kind) {
    case 'kill':
      return `SIGKILL bot ${event.slot + 1} (${event.moment}), down ${event.downMs} ms`;
    case 'redis':
      return `Redis stopped by ${event.how === 'shutdown' ? 'SHUTDOWN' : 'SIGTERM'} (${event.moment}), down ${event.downMs} ms, started again from its AOF`;
    case 'fault':
      return `Slack answers the next ${event.times} ${event.method} call(s) with ${'status' in event.fault ? `HTTP ${event.fault.status}` : 'error' in event.fault ? event.fault.error : `an answer held ${event.fault.answerAfterMs} ms`}`;
  }
}

export interface ConductorDeps {
  fleet: Fleet;
  redis: ChaosRedis;
  emulator: SlackEmulator;
  /** Requests sent so far. */
  progress(): number;
  /** True once every session is done (events not reached by then are skipped). */
  finished(): boolean;
  /** Records a line of the timeline. */
  note(line: string): void;
}

/** What the conductor did. */
export interface ConductorReport {
  kills: number;
  redisRestarts: number;
  faults: number;
  skipped: number;
}

/**
 * Plays the events as the run reaches each one's request count. Kills and
 * Redis restarts are played one after the other, each waited out (the
 * process or Redis runs again) before the next; faults, which take no time,
 * are injected alongside them.
 */
export async function conduct(events: ChaosEvent[], deps: ConductorDeps): Promise<ConductorReport> {
  const report: ConductorReport = { kills: 0, redisRestarts: 0, faults: 0, skipped: 0 };
  const play = async (list: ChaosEvent[]): Promise<void> => {
    for (const event of list) {
      while (deps.progress() < event.at && !deps.finished()) await sleep(20);
      if (deps.finished()) {
        report.skipped += 1;
        continue;
      }
      if (event.kind !== 'fault' && event.moment !== 'any') {
        await deps.fleet.next(event.moment === 'in-flight' ? 'sent' : 'answered', event.kind === 'kill' ? event.slot : undefined);
        if (deps.finished()) {
          report.skipped += 1;
          continue;
        }
      }
      await sleep(event.delayMs);
      deps.note(`at request ${deps.progress()}: ${describeEvent(event)}`);
      if (event.kind === 'kill') {
        await deps.fleet.kill(event.slot);
        await sleep(event.downMs);
        await deps.fleet.start(event.slot);
        deps.note(`bot ${event.slot + 1} runs again`);
        report.kills += 1;
      } else if (event.kind === 'redis') {
        await deps.redis.restart(event.how, event.downMs);
        deps.note('Redis answers again');
        report.redisRestarts += 1;
      } else {
        deps.emulator.failNext(event.method, event.fault, event.times);
        report.faults += 1;
      }
    }
  };
  await Promise.all([play(events.filter((e) => e.kind !== 'fault')), play(events.filter((e) => e.kind === 'fault'))]);
  return report;
}
