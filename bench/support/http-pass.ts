/**
 * One pass of bench:http: N sessions played at once, and what it cost each
 * process: acks (from the mirror driver), CPU (/proc), Web API calls (the
 * emulator's log), Redis commands (INFO commandstats of the private server)
 * and committed transitions (each session's `seq`, read from the store).
 */
import type { Format } from '../../src/engine/formats/schema';
import type { AckSample } from './mirror-driver';
import type { CallCounts, CallTally } from './http-calls';
import type { Harness } from './http-harness';
import { type Roster, seedSession } from './http-people';
import { fillCreationForm, gather, play, sendCreationForm, start } from './http-player';
import { SessionView, emptyRecord, type PlayContext, type PlayRecord } from './http-view';
import { commandDelta, commandStats } from './private-redis';
import { cpuMs } from './processes';

export interface PassSpec {
  sessions: number;
  /** First roster index (every pass has people and channels of its own). */
  first: number;
  format: Format;
  thinkMs: () => number;
  timeoutMs: number;
  maxMoves: number;
  /** Stop starting moves after this long (ms); Infinity: play to the end. */
  durationMs: number;
  /** Send every creation form at the same moment (else each session creates when it is ready). */
  burst: boolean;
  /** Each session waits a random 0..startSpreadMs before its first move. */
  startSpreadMs: number;
}

export interface PassResult {
  spec: PassSpec;
  acks: AckSample[];
  calls: CallCounts;
  /** Redis commands the bot sent, by name. */
  redis: Map<string, number>;
  transitions: number;
  closed: number;
  /** Sessions that never got going (no card, not all agreed, never started). */
  failed: number;
  records: PlayRecord[];
  cpuMs: { bot: number; bare: number; bench: number };
  elapsedMs: number;
}

/** Reads sessions' seq from the store: the session id from the channel index, then the state hash's seq field. */
class SeqReader {
  readonly seqs = new Map<number, number>();
  /** Commands this reader sent, so they can be left out of the bot's. */
  readonly sent = new Map<string, number>();

  constructor(private readonly harness: Harness) {}

  async read(roster: Roster): Promise<void> {
    const { admin } = this.harness.redis;
    const ids = await admin.zrange(`channel:${roster.channel}`, '0', '-1');
    const seqs = await Promise.all(ids.map((id) => admin.hget(`{session:${id}}:state`, 'seq')));
    this.sent.set('zrange', (this.sent.get('zrange') ?? 0) + 1);
    this.sent.set('hget', (this.sent.get('hget') ?? 0) + ids.length);
    this.seqs.set(roster.index, seqs.reduce((sum, seq) => sum + Number(seq ?? 0), 0));
  }
}

/** Plays one session; false when it never got going or a person met something they could not handle (counted, not printed). */
async function playOne(view: SessionView, created: Promise<boolean>, seqs: SeqReader): Promise<boolean> {
  let ok = false;
  try {
    ok = (await created) && (await gather(view)) && (await start(view));
    if (ok) await play(view);
  } catch {
    ok = false;
    view.record.broken = true;
  }
  if (!seqs.seqs.has(view.roster.index)) await seqs.read(view.roster);
  return ok;
}

/** Creates every session: all commands at once, then (burst) all forms sent at once; resolves per session when its card is up. */
function createAll(views: SessionView[], burst: boolean, spreadMs: number): Array<Promise<boolean>> {
  const forms = views.map(async (view) => {
    if (spreadMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * spreadMs));
    await view.think();
    return fillCreationForm(view);
  });
  const allFilled = Promise.all(forms);
  return forms.map(async (form, i) => {
    const modal = await form;
    if (burst) await allFilled;
    return modal !== undefined && sendCreationForm(views[i] as SessionView, modal);
  });
}

/** Plays one pass and measures it. */
export async function runPass(harness: Harness, tally: CallTally, spec: PassSpec): Promise<PassResult> {
  const seqs = new SeqReader(harness);
  // Whatever the bot still does from the last pass is not this pass's.
  await tally.quiet();
  const started = Date.now();
  const ctx: PlayContext = {
    emulator: harness.emulator,
    watch: harness.watch,
    format: spec.format,
    timeoutMs: spec.timeoutMs,
    thinkMs: spec.thinkMs,
    maxMoves: spec.maxMoves,
    deadline: started + spec.durationMs,
    beforeClose: (roster) => seqs.read(roster),
  };
  const views = Array.from({ length: spec.sessions }, (_, i) => new SessionView(ctx, seedSession(harness.emulator, spec.first + i), emptyRecord()));
  harness.driver.take();
  tally.take();
  const cpuBefore = { bot: cpuMs(harness.bot.pid), bare: cpuMs(harness.bare.pid), bench: process.cpuUsage() };
  const redisBefore = await commandStats(harness.redis.admin);
  const created = createAll(views, spec.burst, spec.startSpreadMs);
  const outcomes = await Promise.all(views.map((view, i) => playOne(view, created[i] as Promise<boolean>, seqs)));
  const elapsedMs = Date.now() - started;
  await tally.quiet();
  const redisAfter = await commandStats(harness.redis.admin);
  const bench = process.cpuUsage(cpuBefore.bench);
  const records = views.map((view) => view.record);
  const closed = records.filter((r) => r.closed).length;
  return {
    spec,
    acks: harness.driver.take(),
    calls: tally.take(),
    redis: commandDelta(redisBefore, redisAfter, seqs.sent),
    transitions: [...seqs.seqs.values()].reduce((a, b) => a + b, 0) + closed,
    closed,
    failed: outcomes.filter((ok) => !ok).length,
    records,
    cpuMs: { bot: cpuMs(harness.bot.pid) - cpuBefore.bot, bare: cpuMs(harness.bare.pid) - cpuBefore.bare, bench: (bench.user + bench.system) / 1000 },
    elapsedMs,
  };
}
