/**
 * The next move in a running bench:http session, chosen from what is on the
 * screen as a group would: the presenter answers open questions first; the
 * person whose turn the prompt names gives an input or passes (three inputs
 * in round 1, two in round 2, then passes, as test/e2e plays it); the
 * presenter writes the case and picks tips; everyone evaluates, the presenter
 * first; the facilitator closes. Each move resolves once its effect shows.
 * Buttons and fields are named in the format's words (its roles, its nouns).
 */
import type { ChoicePhase, EvaluationPhase, Phase, RoundsPhase, StatementPhase } from '../../src/engine/formats/schema';
import { filler } from './http-people';
import { cardIsLive, forRole, inputField, menuOptions, turnOf, unansweredLabels } from './http-screen';
import type { SessionView } from './http-view';

/** What a session's players remember between moves. */
export interface PlayState {
  /** Turn moves made in the current round of the current phase, and which that is. */
  round: string;
  position: number;
  evaluated: Set<string>;
}

/** A move: who makes it, and doing it (resolves false when its effect never showed). */
export interface Move {
  actor: string;
  run(): Promise<boolean>;
}

/** Rounds with inputs before a round of passes ends the phase (the format's cap, if any, ends it sooner). */
function inputRounds(phase: RoundsPhase): number {
  return phase.maxRounds ?? (phase.id === 'tips' ? 2 : 1);
}

function givesInput(phase: RoundsPhase, round: number, position: number): boolean {
  if (round > inputRounds(phase)) return false;
  return round === 1 ? position < 3 : position === 0 || position === 3;
}

/** A move whose effect is that `key()` changes (for a step that ends its phase: the newest prompt's title). */
function changes(view: SessionView, actor: string, key: () => string, act: () => Promise<number | undefined>): Move {
  return {
    actor,
    async run() {
      const before = key();
      const ackAt = await act();
      return ackAt !== undefined && view.effect(ackAt, () => key() !== before);
    },
  };
}

function statementMove(view: SessionView, phase: StatementPhase): Move {
  const { presenter } = view.roster;
  const label = phase.textLabel ?? 'Write your case';
  return changes(view, presenter, () => view.prompt()?.title ?? '', () => view.modalMove(presenter, forRole(view.ctx.format, 'presenter', label), (m) => m.fill(label, filler(1200, 2000))));
}

function answerMove(view: SessionView, label: string): Move {
  const { presenter } = view.roster;
  const open = (): boolean => unansweredLabels(view.thread(presenter)).includes(label);
  return {
    actor: presenter,
    async run() {
      const ackAt = await view.modalMove(presenter, forRole(view.ctx.format, 'presenter', `Answer ${label}`), (m) => m.fill('Your answer', filler(100, 250)));
      return ackAt !== undefined && view.effect(ackAt, () => !open());
    },
  };
}

function turnMove(view: SessionView, phase: RoundsPhase, state: PlayState, holder: string, round: number): Move {
  const key = `${phase.id}|${round}`;
  if (state.round !== key) Object.assign(state, { round: key, position: 0 });
  const input = givesInput(phase, round, state.position);
  state.position += 1;
  const act = input
    ? () => view.modalMove(holder, phase.input.label, (m) => m.fill(inputField(phase), filler(200, Math.min(300, phase.input.maxLength ?? 300))))
    : () => view.click(holder, 'I pass');
  return changes(view, holder, () => view.turnKey(), act);
}

function roundsMove(view: SessionView, phase: RoundsPhase, state: PlayState, promptText: string): Move | undefined {
  if (phase.answerable) {
    const [label] = unansweredLabels(view.thread(view.roster.presenter));
    if (label) return answerMove(view, label);
  }
  const turn = turnOf(promptText);
  return turn ? turnMove(view, phase, state, turn.holder, turn.round) : undefined;
}

function choiceMove(view: SessionView, phase: ChoicePhase): Move | undefined {
  const { presenter } = view.roster;
  const prompt = view.prompt();
  const options = prompt ? menuOptions(prompt.item).slice(0, phase.max ?? 3) : [];
  if (options.length === 0) return undefined;
  return changes(view, presenter, () => view.prompt()?.title ?? '', async () => {
    await view.ctx.emulator.person(presenter).selectOption(phase.pickLabel, options, view.where());
    view.record.moves += 1;
    return view.click(presenter, forRole(view.ctx.format, 'presenter', 'Confirm picks'));
  });
}

function evaluationMove(view: SessionView, phase: EvaluationPhase, state: PlayState): Move | undefined {
  const { facilitator, presenter, members } = view.roster;
  const next = [presenter, facilitator, ...members].find((user) => !state.evaluated.has(user));
  if (!next) return undefined;
  const question = next === presenter ? phase.question : phase.memberQuestion;
  const move = changes(view, next, () => view.promptKey(), () =>
    view.modalMove(next, 'Evaluate', async (m) => {
      await m.select(question, next === presenter ? 'Yes' : 'Partly');
      await m.fill('What specifically?', filler(80, 200));
    }),
  );
  return {
    actor: next,
    async run() {
      const done = await move.run();
      if (done) state.evaluated.add(next);
      return done;
    },
  };
}

function closeMove(view: SessionView): Move {
  const { facilitator } = view.roster;
  return {
    actor: facilitator,
    async run() {
      await view.ctx.beforeClose?.(view.roster);
      const ackAt = await view.click(facilitator, forRole(view.ctx.format, 'facilitator', 'Close'));
      const closed = ackAt !== undefined && (await view.effect(ackAt, () => !cardIsLive(view.card())));
      view.record.closed = closed;
      return closed;
    },
  };
}

/** The move the screen calls for now; undefined when nothing can be done yet (or any more). */
export function nextMove(view: SessionView, state: PlayState): Move | undefined {
  const prompt = view.prompt();
  const phase: Phase | undefined = prompt ? view.ctx.format.phases.find((p) => p.title === prompt.title) : undefined;
  if (!prompt || !phase) return undefined;
  switch (phase.kind) {
    case 'statement':
      return statementMove(view, phase);
    case 'rounds':
      return roundsMove(view, phase, state, prompt.text);
    case 'choice':
      return choiceMove(view, phase);
    case 'evaluation':
      return evaluationMove(view, phase, state);
    case 'end':
      return closeMove(view);
    default:
      return undefined;
  }
}
