import type { WebClient } from '@slack/web-api';
import { applicableDm, sentDmNow, type DmEffect } from '../../engine/dm-applies';
import type { Format } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { reminderDm, reminderOverDm, reminderTakenDm, turnNote, turnOverDm, yourTurnDm, type MessagePayload } from '../blocks';
import type { SessionPosts } from './posts';

/**
 * The two direct messages about a turn that must stay true after they were
 * sent, and the note in the thread that announces a live turn:
 *
 * - A live turn is announced by a short ephemeral note in the card's thread,
 *   or, for those who chose it, by a direct message (engine: dm-applies). An
 *   ephemeral cannot be recorded, updated or deleted; it names only the
 *   phase and the round, and a replay after a crash may show it twice.
 * - A round reminder or a turn message is recorded (`dm:<user>:<kind>:<phase>:<round>:<entry>`)
 *   like every message the bot posts. Whenever its phase is drawn, each one
 *   is drawn again as it should read now (engine: sentDmNow) and updated
 *   when that changed: a new deadline, the person's turn taken, the round or
 *   the turn over (no "open until" in the past, no live buttons on a closed round).
 */

/** Posts the turn note in the thread; false when the turn goes by direct message instead (or no longer applies: true, nothing to do). */
export async function postTurnNote(client: WebClient, session: Session, format: Format, effect: DmEffect, posts: SessionPosts, now: number): Promise<boolean> {
  const dm = applicableDm(session, format, effect, now);
  if (dm?.message !== 'your-turn') return true;
  if (dm.via === 'dm') return false;
  const thread = posts.thread();
  if (!thread) return true;
  const { text, blocks } = turnNote(session, dm.phase, dm.round);
  await client.chat.postEphemeral({ channel: session.channel, user: effect.user, thread_ts: thread, text, blocks });
  return true;
}

/** A recorded DM key, read back: whose, which kind, which phase and round. */
function sentOf(key: string): DmEffect | undefined {
  const [, user, message, phaseId, round] = key.split(':');
  if (!user || !phaseId || (message !== 'round-reminder' && message !== 'your-turn') || !/^\d+$/.test(round ?? '')) return undefined;
  return { type: 'dm', user, message, phaseId, round: Number(round) };
}

/** How a sent reminder or turn message should read now; undefined for other messages. */
async function drawnNow(session: Session, format: Format, sent: DmEffect, posts: SessionPosts): Promise<MessagePayload | undefined> {
  const now = sentDmNow(session, format, sent);
  if (!now) return undefined;
  if (now.state === 'over') return sent.message === 'your-turn' ? turnOverDm(session, now.phase, now.round) : reminderOverDm(session, now.phase, now.round);
  if (now.state === 'taken') return reminderTakenDm(session, now.phase, now.round, now.deadline);
  const card = posts.card();
  const permalink = card ? await posts.permalink(card) : undefined;
  const dm = now.dm;
  return dm.message === 'round-reminder'
    ? reminderDm(session, format, dm.phase, dm.round, dm.deadline, permalink)
    : yourTurnDm(session, format, dm.phase, dm.round, permalink);
}

/** Draws again the round reminders and turn messages of this phase that were sent, updating those whose state changed. */
export async function refreshSentDms(session: Session, format: Format, phaseId: string, posts: SessionPosts): Promise<void> {
  for (const [key, ref] of posts.recorded('dm:')) {
    const sent = sentOf(key);
    if (sent?.phaseId !== phaseId) continue;
    const payload = await drawnNow(session, format, sent, posts);
    if (payload) await posts.upsert(key, ref.channel, undefined, payload);
  }
}
