import type { Format, Phase, RoundsPhase } from './formats/schema';
import type { InputRef, RefusalKey, RefusalParam, RefusalParams, RoleName } from './rejection';
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

/** A rejection: its code, and the key of the sentence the shell words it with (in the session's language). */
export function reject(code: RejectionCode, key: RefusalKey, params?: RefusalParams): Rejection {
  return params ? { ok: false, code, key, params } : { ok: false, code, key };
}

/** A person a refusal names (the shell writes the mention). */
export function person(user: UserId): RefusalParam {
  return { user };
}

/** A role a refusal names in the format's words; with `user`, the role and who holds it ("the case giver (<@U2>)"). */
export function role(name: RoleName, user?: UserId): RefusalParam {
  return user === undefined ? { role: name } : { role: name, user };
}

/**
 * The words of a rounds phase's input as a refusal names them: the phase's
 * own, or those of the option chosen in its `inputFrom` (the method names the
 * input), as queries.inputSpecOf finds them.
 */
export function inputWords(session: Session, format: Format, phase: RoundsPhase): InputRef {
  if (phase.inputFrom === undefined) return { input: phase.id };
  const chosen = session.picks[phase.inputFrom]?.items[0];
  const choice = format.phases.find((p) => p.id === phase.inputFrom);
  const hasWords = choice?.kind === 'choice' && choice.options?.some((option) => option.id === chosen && option.input !== undefined);
  return hasWords && chosen !== undefined ? { input: phase.id, option: chosen } : { input: phase.id };
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
