/**
 * Shapes of what the stores read back from storage. The stores wrote it
 * themselves, but storage outlives releases: a record written by an older
 * version must fail loudly here, not deep inside the engine.
 */
import { z } from 'zod';
import { LANGUAGES, type Effect, type Timer } from '../engine/session';
import type { OutboxEntry, PurgeRecord } from './session-store';

/** Compile-time proof that a schema and the contract type are the same type (both directions). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function assertSame<T extends true>(): T | undefined {
  return undefined;
}

const noticeKind = z.enum([
  'timebox-ending',
  'timebox-ended',
  'paused',
  'resumed',
  'member-removed',
  'member-left',
  'member-joined',
]);
const directMessageKind = z.enum(['round-reminder', 'presenter-reminder', 'idle-closed', 'your-turn', 'invitation', 'taken-off', 'case-not-chosen']);

export const timerSchema = z.object({
  kind: z.enum(['round-deadline', 'round-reminder', 'phase-deadline', 'timebox-warning', 'idle', 'group']),
  phaseId: z.string().optional(),
  round: z.number().optional(),
  stage: z.string().optional(),
  slot: z.string().optional(),
  at: z.number(),
});

const effectSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('card') }),
  z.object({ type: z.literal('phase'), phaseId: z.string() }),
  z.object({ type: z.literal('selection') }),
  z.object({
    type: z.literal('notice'),
    notice: noticeKind,
    phaseId: z.string().optional(),
    user: z.string().optional(),
  }),
  z.object({
    type: z.literal('dm'),
    user: z.string(),
    message: directMessageKind,
    phaseId: z.string().optional(),
    round: z.number().optional(),
  }),
  z.object({ type: z.literal('schedule'), timer: timerSchema }),
  z.object({ type: z.literal('pointer') }),
  z.object({ type: z.literal('room'), action: z.enum(['invite', 'kick']), user: z.string() }),
  z.object({ type: z.literal('cancel-timers') }),
  z.object({ type: z.literal('purge') }),
]);

export const outboxEntrySchema = z.object({ id: z.number().int(), at: z.number().optional(), effect: effectSchema });

export const purgeRecordSchema = z.object({
  sessionId: z.string(),
  channel: z.string(),
  formatId: z.string(),
  people: z.number(),
  createdAt: z.number(),
  closedAt: z.number(),
  reason: z.enum(['facilitator', 'idle', 'max-age', 'uninstalled']),
  room: z.boolean().optional(),
  team: z.string().optional(),
  language: z.enum(LANGUAGES).optional(),
});

// If the engine's types change, these fail to compile: update the schemas with them.
assertSame<Same<z.infer<typeof timerSchema>, Timer>>();
assertSame<Same<z.infer<typeof effectSchema>, Effect>>();
assertSame<Same<z.infer<typeof outboxEntrySchema>, OutboxEntry>>();
assertSame<Same<z.infer<typeof purgeRecordSchema>, PurgeRecord>>();

/** Parses stored JSON with a schema; the error names the record kind, never its content. */
export function parseStored<T>(schema: z.ZodType<T>, json: string, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`stored ${what} is not JSON`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`stored ${what} has an unexpected shape`);
  return parsed.data;
}
