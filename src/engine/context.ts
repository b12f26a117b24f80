import type { Format, Noun, Phase } from './formats/schema';
import type { Actor, Effect, Rejection, RejectionCode, Session, UserId } from './session';

/**
 * The working state of one decision: a private copy of the session that the
 * rule modules change in place, and the effects they collect. decide() makes
 * the copy, so the caller's session is never touched.
 */
export interface Ctx {
  /** The draft: a copy of the session, changed in place by the rules. */
  s: Session;
  format: Format;
  now: number;
  actor: Actor;
  effects: Effect[];
}

/** A handler's answer: nothing when the command was applied, or why not. */
export type Verdict = Rejection | undefined;

/** A rejection with a sentence a person can read. */
export function reject(code: RejectionCode, reason: string): Rejection {
  return { ok: false, code, reason };
}

/**
 * Slack's `<@id>` for a person, as the engine writes it into a rejection's
 * sentence. Not checked: ids in a session come from Slack. Whatever the shell
 * draws itself goes through its own, checked `mention` (slack/escape.ts).
 */
export function rawMention(user: UserId): string {
  return `<@${user}>`;
}

/** A role and who holds it, as a sentence names them: "the case giver (<@U2>)". */
export function named(role: Noun, user: UserId): string {
  return `${role.definite} (${rawMention(user)})`;
}

/** The phase the draft is in (by its index; queries.currentPhase asks the same of a stored session). */
export function currentPhaseOf(ctx: Ctx): Phase | undefined {
  return ctx.format.phases[ctx.s.phaseIndex];
}

/** Collects an effect; decide() removes repeats at the end. */
export function emit(ctx: Ctx, effect: Effect): void {
  ctx.effects.push(effect);
}

/** The card and the current phase's post need re-rendering. */
export function emitProgress(ctx: Ctx): void {
  emit(ctx, { type: 'card' });
  if (ctx.s.current) emit(ctx, { type: 'phase', phaseId: ctx.s.current.id });
}

/** The key under which two effects count as the same (the later timer of one key wins). */
function effectKey(effect: Effect): string {
  switch (effect.type) {
    case 'card':
    case 'pointer':
    case 'selection':
    case 'cancel-timers':
    case 'purge':
      return effect.type;
    case 'phase':
      return `phase:${effect.phaseId}`;
    case 'notice':
      return `notice:${effect.notice}:${effect.phaseId ?? ''}:${effect.user ?? ''}`;
    case 'room':
      return `room:${effect.action}:${effect.user}`;
    case 'dm':
      return `dm:${effect.user}:${effect.message}:${effect.phaseId ?? ''}:${effect.round ?? ''}`;
    case 'schedule': {
      const t = effect.timer;
      return `schedule:${t.kind}:${t.phaseId ?? ''}:${t.round ?? ''}:${t.stage ?? ''}`;
    }
  }
}

/** Drops repeated effects, keeping the first position and the last content. */
export function uniqueEffects(effects: readonly Effect[]): Effect[] {
  const byKey = new Map<string, Effect>();
  for (const effect of effects) byKey.set(effectKey(effect), effect);
  return [...byKey.values()];
}
