import { currentPhaseOf, emitProgress, named, reject, type Ctx, type Verdict } from './context';
import { capitalized } from './formats/words';
import { presenterOf } from './queries';
import type { Command, Evaluation } from './session';
import { EVALUATION_MAX, optionalText } from './text';

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** The evaluation's "what specifically", cleaned, or why it cannot be taken (the modal shows it on that field). */
export function evaluationWhat(raw: string | undefined): ReturnType<typeof optionalText> {
  return optionalText(raw, EVALUATION_MAX, 'Your answer');
}

/**
 * The presenter, then every member, says whether the session was useful and
 * what specifically. Saying it again replaces the earlier answer.
 */
export function evaluate(ctx: Ctx, cmd: CommandOf<'evaluate'>): Verdict {
  const { s, actor } = ctx;
  const { roles } = ctx.format;
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'evaluation' || phase.id !== cmd.phaseId) return reject('stale', 'This step has moved on.');
  if (actor !== s.presenter && !s.members.includes(actor)) {
    return reject('not-allowed', `As ${roles.facilitator.definite} you don't evaluate here; ${roles.presenter.definite} and ${roles.member.definitePlural} do.`);
  }
  const done = s.evaluations[phase.id] ?? {};
  const presenter = presenterOf(s);
  if (phase.presenterFirst && actor !== presenter && done[presenter] === undefined) {
    return reject('not-your-turn', `${capitalized(named(roles.presenter, presenter))} is asked first; you'll be asked right after.`);
  }
  const what = evaluationWhat(cmd.what);
  if ('ok' in what) return what;
  const evaluation: Evaluation = what.text === undefined ? { useful: cmd.useful, at: ctx.now } : { useful: cmd.useful, what: what.text, at: ctx.now };
  s.evaluations[phase.id] = { ...done, [actor]: evaluation };
  emitProgress(ctx);
  return undefined;
}
