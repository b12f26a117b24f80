import { currentPhaseOf, emitProgress, reject, role, type Ctx, type Verdict } from './context';
import { presenterOf } from './queries';
import type { Command, Evaluation } from './session';
import { EVALUATION_MAX, optionalText } from './text';

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** The evaluation's "what specifically", cleaned, or why it cannot be taken (the modal shows it on that field). */
export function evaluationWhat(raw: string | undefined): ReturnType<typeof optionalText> {
  return optionalText(raw, EVALUATION_MAX, { own: 'answer' });
}

/**
 * The presenter, then every member, says whether the session was useful and
 * what specifically. Saying it again replaces the earlier answer.
 */
export function evaluate(ctx: Ctx, cmd: CommandOf<'evaluate'>): Verdict {
  const { s, actor } = ctx;
  const phase = currentPhaseOf(ctx);
  if (phase?.kind !== 'evaluation' || phase.id !== cmd.phaseId) return reject('stale', 'movedOn');
  if (actor !== s.presenter && !s.members.includes(actor)) {
    return reject('not-allowed', 'facilitatorNoEvaluation', { facilitator: role('facilitator'), presenter: role('presenter'), member: role('member') });
  }
  const done = s.evaluations[phase.id] ?? {};
  const presenter = presenterOf(s);
  if (phase.presenterFirst && actor !== presenter && done[presenter] === undefined) {
    return reject('not-your-turn', 'presenterFirst', { presenter: role('presenter', presenter) });
  }
  const what = evaluationWhat(cmd.what);
  if ('ok' in what) return what;
  const evaluation: Evaluation = what.text === undefined ? { useful: cmd.useful, at: ctx.now } : { useful: cmd.useful, what: what.text, at: ctx.now };
  s.evaluations[phase.id] = { ...done, [actor]: evaluation };
  emitProgress(ctx);
  return undefined;
}
