/**
 * What the chaos test asserts once a session is closed, and once the run is
 * over. Each check returns problems as sentences (ids, kinds, counts and the
 * test's own marked texts, never anything the bot logged), so one run reports
 * everything it found at once.
 */
import type { Redis } from 'ioredis';
import type { ApiCall, Json, SlackEmulator } from '../../dev/emulator';
import { controlsOf } from '../../dev/emulator/screen';
import { ACTIONS, parseAction } from '../../src/slack/ids';
import { instancesKey } from '../../src/store/redis/keys';
import { scanKeys, globEscape, timerMembers } from '../support/redis';
import { type LaneResult, type World, dmMessages, shown } from './chaos-lane';

/** The card once the session closed: a content-free note. */
const NOTE = /An intervision session \(Progress-focused intervision, \d+ people\) took place here on .*; its content was deleted when it closed\./;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Keys, index entries and timers the store still holds for a session. */
async function leftInRedis(redis: Redis, sessionId: string, channel: string): Promise<string[]> {
  const left = await scanKeys(redis, `*${globEscape(`{session:${sessionId}}`)}*`);
  if ((await redis.zscore(`channel:${channel}`, sessionId)) !== null) left.push(`channel:${channel} (entry)`);
  if ((await redis.sismember('purging', sessionId)) === 1) left.push('purging (entry)');
  const timers = await timerMembers(redis, '');
  left.push(...timers.filter((t) => t.startsWith(`${sessionId}|`)).map((t) => `timer ${t}`));
  return left;
}

/** Bot messages in the session's channel other than the card, and the card's text. */
function channelState(emulator: SlackEmulator, result: LaneResult): { others: number; card: string } {
  const bot = emulator.ws.bot.userId;
  const mine = emulator.ws.allMessages(result.plan.channel).filter((m) => m.user === bot);
  const card = mine.find((m) => m.ts === result.cardTs);
  return { others: mine.filter((m) => m !== card).length, card: card ? shown(card) : '' };
}

/**
 * Waits (up to the world's wait) for the close to finish, then checks that it
 * left nothing: no key, index entry or timer of the session in Redis; in the
 * channel only the card, turned into the note; the invitations gone from the
 * people's DMs; no text anyone wrote left anywhere in Slack but the
 * presenter's private copy.
 */
export async function checkClosed(world: World, result: LaneResult): Promise<void> {
  const { sessionId, plan } = result;
  if (!sessionId || !result.closed) return;
  const done = async (): Promise<boolean> => {
    const state = channelState(world.emulator, result);
    return state.others === 0 && NOTE.test(state.card) && (await leftInRedis(world.redis, sessionId, plan.channel)).length === 0;
  };
  // Done, and still done a second later: a recovery sweep that saw the purge pending just before it
  // finished may take the session's lease once more, for a moment, to find nothing left to do.
  const deadline = Date.now() + world.waitMs;
  const isDone = (): Promise<boolean> => done().catch(() => false);
  while (Date.now() < deadline) {
    if ((await isDone()) && (await sleep(1000).then(isDone))) break;
    await sleep(100);
  }
  const waited = Date.now() >= deadline ? `${world.waitMs} ms after close, ` : 'after close, ';

  const problems = result.problems;
  const where = `session ${plan.index} (${sessionId})`;
  let left: string[] = [];
  for (let tries = 0; tries < 50; tries += 1) {
    try {
      left = await leftInRedis(world.redis, sessionId, plan.channel);
      break;
    } catch {
      await sleep(200);
    }
  }
  if (left.length > 0) problems.push(`${where}: ${waited}Redis still holds ${left.join(', ')}`);
  const state = channelState(world.emulator, result);
  if (state.others > 0) problems.push(`${where}: ${waited}${state.others} bot messages besides the card remain in its channel`);
  if (!NOTE.test(state.card)) problems.push(`${where}: the card did not become the close note`);
  const invitations = result.dmsBeforeClose.filter((m) => world.emulator.ws.findMessage(m.channel, m.ts));
  if (invitations.length > 0) problems.push(`${where}: ${invitations.length} direct messages of the session remain after close`);

  const copy = new Set(dmMessages(world.emulator, plan.presenter).filter((m) => !result.presenterDmBefore.includes(m.ts)));
  const everywhere = [...world.emulator.ws.channels.keys()].flatMap((channel) => world.emulator.ws.allMessages(channel)).filter((m) => !copy.has(m));
  for (const w of result.written) {
    const found = everywhere.filter((m) => shown(m).includes(w.text)).length;
    if (found > 0) problems.push(`${where}: after close, "${w.text}" is still shown in ${found} messages`);
  }
}

/** The text of a phase-title block (a step's message), if the blocks have one. */
function stepTitle(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const title = (blocks as Json[]).find((b) => b.block_id === 'phase-title');
  return title ? String((title.text as Json | undefined)?.text ?? '') : undefined;
}

/** Whether a post is this session's invitation (its Read and join button names the session). */
function invites(call: ApiCall, sessionId: string): boolean {
  const blocks = Array.isArray(call.args.blocks) ? (call.args.blocks as Json[]) : [];
  return controlsOf(blocks).some((c) => c.element.action_id === ACTIONS.join && parseAction(c.element.value)?.sessionId === sessionId);
}

function countBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/**
 * No message posted twice, from the emulator's call log (a duplicate deleted
 * at close still counts): one card per session, one message per step, one
 * invitation per person, and each acknowledged text in at most one post per
 * conversation (the thread, and the presenter's private copy).
 */
export function postedTwice(emulator: SlackEmulator, results: LaneResult[]): string[] {
  const posts = emulator.calls('chat.postMessage').filter((call) => call.ok);
  const problems: string[] = [];
  for (const result of results) {
    const { sessionId, plan } = result;
    if (!sessionId) continue;
    const where = `session ${plan.index} (${sessionId})`;
    const inChannel = posts.filter((call) => call.args.channel === plan.channel);
    const cards = inChannel.filter((call) => call.args.thread_ts === undefined).length;
    if (cards > 1) problems.push(`${where}: the card was posted ${cards} times`);
    const steps = countBy(inChannel.filter((call) => call.args.thread_ts === result.cardTs), (call) => stepTitle(call.args.blocks));
    for (const [title, n] of steps) if (n > 1) problems.push(`${where}: the step "${title}" was posted ${n} times`);
    // Invitations go by DM (the card, in the channel, carries a Join button too).
    const invitations = countBy(posts.filter((call) => String(call.args.channel).startsWith('D') && invites(call, sessionId)), (call) => String(call.args.channel));
    for (const [channel, n] of invitations) if (n > 1) problems.push(`${where}: the invitation in ${channel} was posted ${n} times`);
    for (const w of result.written.filter((x) => x.acked)) {
      const inPosts = countBy(posts.filter((call) => JSON.stringify(call.args).includes(w.text)), (call) => String(call.args.channel));
      for (const [channel, n] of inPosts) if (n > 1) problems.push(`${where}: "${w.text}" was posted ${n} times in ${channel}`);
    }
  }
  return problems;
}

/** Texts people wrote that appear in any bot process's output (the bot must never log them). */
export function loggedTexts(outputs: string[], results: LaneResult[]): string[] {
  const all = outputs.join('\n');
  return results.flatMap((r) => r.written).filter((w) => all.includes(w.text)).map((w) => `a bot process logged what someone wrote: "${w.text}"`);
}

/**
 * Keys left in the run's Redis once every session closed, other than Slack
 * event claims (they expire by themselves) and the running instances'
 * heartbeats (no session's).
 */
export async function strayKeys(redis: Redis): Promise<string[]> {
  const keys = (await scanKeys(redis, '*')).filter((key) => !key.startsWith('event:') && key !== instancesKey(''));
  return keys.length > 0 ? [`after every close, Redis still holds ${keys.length} keys: ${keys.slice(0, 10).join(', ')}`] : [];
}

/** The Slack calls of the run, one line each, with the marked texts each carried (kept with a failed run's logs). */
export function callLog(emulator: SlackEmulator, results: LaneResult[]): string {
  const texts = results.flatMap((r) => r.written.map((w) => w.text));
  return emulator
    .calls()
    .map((call) => {
      const args = JSON.stringify(call.args);
      const carried = texts.filter((t) => args.includes(t)).map((t) => t.split(' ').slice(2, 5).join(' '));
      const step = stepTitle(call.args.blocks);
      const ts = typeof call.result.ts === 'string' ? call.result.ts : call.args.ts;
      return [new Date(call.at).toISOString(), call.method, call.status, call.ok ? 'ok' : call.error, call.args.channel, `thread=${String(call.args.thread_ts ?? '')}`, `ts=${String(ts ?? '')}`, step ? `step=${step}` : '', carried.join(',')].join(' ');
    })
    .join('\n');
}
