/**
 * Property tests: random sequences of commands from random people (the
 * facilitator, the presenter, members, outsiders, the scheduler), in every
 * format and mode, with duplicates and stale seqs, never break the rules.
 */
import { decide } from '../../src/engine/decide';
import { newSession } from '../../src/engine/new-session';
import { currentPhase, participants, pendingInRound, takesPart, turnHolder } from '../../src/engine/queries';
import { SYSTEM, type Command, type Effect, type Outcome, type Session, type Timer } from '../../src/engine/session';
import fc from 'fast-check';
import { actorFor, bodyFor, POOL, registry, scenarioArb, sessionFor, steer } from './random-commands';
import { deepFreeze, FACILITATOR, PRESENTER, settingsFor } from './table';
/** The members an unfinished round still waited for, who were still taking part afterwards. */
function stillOwed(prev: Session, next: Session, command: Command): string[] {
  const round = prev.current?.round;
  if (!round) return [];
  return pendingInRound(prev, round).filter(
    (user) => takesPart(next, user) && !(user === command.actor && (command.kind === 'input' || command.kind === 'pass')),
  );
}

/** Checks what must hold after every single step. */
function checkStep(prev: Session, command: Command, outcome: Outcome, now: number): void {
  if (!outcome.ok) return; // decide got a frozen session: had it changed it, it would have thrown
  const next = outcome.session;
  if (outcome.duplicate) {
    expect(next).toBe(prev);
    expect(outcome.effects).toEqual([]);
    return;
  }
  // Seq +1 per accepted command, and the command is remembered: applying it again is a no-op.
  expect(next.seq).toBe(prev.seq + 1);
  // A person's seq ahead of the session's is never taken, but for the ways out.
  if (command.seq > prev.seq && command.actor !== SYSTEM) expect(['close', 'leave']).toContain(command.kind);
  const again = decide(deepFreeze(next), command, now, registry);
  expect(again.ok && again.duplicate && again.session === next).toBe(true);

  // No input lost or duplicated.
  const before = prev.inputs.map((i) => i.id);
  const after = next.inputs.map((i) => i.id);
  expect(new Set(after).size).toBe(after.length);
  if (command.kind === 'input') {
    expect(after).toEqual([...before, after[after.length - 1]]);
    expect(before).not.toContain(after[after.length - 1]);
  } else if (command.kind === 'withdraw') {
    expect(after).toEqual(before.filter((id) => id !== command.inputId));
    expect(after).toHaveLength(before.length - 1);
  } else {
    expect(after).toEqual(before);
  }

  // A round (and so its phase) never ends while a member still owed a turn, unless the facilitator or a deadline ended it.
  const prevRound = prev.current?.round;
  const roundEnded = prevRound && (next.current?.id !== prev.current?.id || next.current?.round?.number !== prevRound.number);
  const forced = ['next-phase', 'close-round', 'timer', 'close', 'skip'].includes(command.kind);
  if (roundEnded && !forced) expect(stillOwed(prev, next, command)).toEqual([]);
  if (roundEnded && command.kind === 'skip') expect(stillOwed(prev, next, command).filter((u) => u !== command.member)).toEqual([]);

  checkConsent(prev, command, next);
  checkNudges(prev, command, next, outcome.effects);
  checkGuarding(prev, command, next);
  checkState(next);
}

/** A live turn that begins is announced once to its holder: never to whoever just acted, nor to someone who passed last time. */
function checkNudges(prev: Session, command: Command, next: Session, effects: Effect[]): void {
  const nudges = effects.filter((e): e is Extract<Effect, { type: 'dm' }> => e.type === 'dm' && e.message === 'your-turn');
  expect(nudges.length).toBeLessThanOrEqual(1);
  const holder = next.status === 'running' ? turnHolder(next) : undefined;
  const round = next.current?.round?.number;
  for (const nudge of nudges) {
    expect(nudge).toEqual({ type: 'dm', user: holder, message: 'your-turn', phaseId: next.current?.id, round });
    expect(nudge.user).not.toBe(command.actor);
  }
  const before = prev.status === 'running' ? turnHolder(prev) : undefined;
  const isNew = holder !== undefined && (holder !== before || prev.current?.id !== next.current?.id || prev.current?.round?.number !== round);
  const passedLast = next.roundLog?.[next.current?.id ?? '']?.find((r) => r.number === (round ?? 0) - 1)?.pass?.includes(holder ?? '') ?? false;
  expect(nudges.length).toBe(isNew && holder !== command.actor && !passedLast ? 1 : 0);
}

/**
 * The facilitator's guarding: only they hide or ask, only the author
 * clarifies; what was hidden stays hidden and unchanged, a clarification once
 * given stays, and nothing hidden is ever picked.
 */
function checkGuarding(prev: Session, command: Command, next: Session): void {
  if (command.kind === 'hide' || command.kind === 'ask-clarification') expect(command.actor).toBe(prev.facilitator);
  if (command.kind === 'clarify') expect(command.actor).toBe(prev.inputs.find((i) => i.id === command.inputId)?.author);
  for (const before of prev.inputs) {
    const after = next.inputs.find((i) => i.id === before.id);
    if (before.hidden) expect(after).toEqual(before);
    if (before.clarification?.text !== undefined) expect(after?.clarification).toEqual(before.clarification);
  }
  const hidden = new Set(next.inputs.filter((i) => i.hidden).map((i) => i.id));
  if (command.kind === 'pick') expect(command.items.filter((item) => hidden.has(item))).toEqual([]);
  if (command.kind === 'hide') expect(hidden.has(command.inputId)).toBe(true);
  // A pass on a question has no words and was not said aloud; an answer always has words (on a call, a note that may be empty).
  const answer = next.inputs.find((i) => 'inputId' in command && i.id === command.inputId)?.answer;
  if (command.kind === 'answer-pass') expect(answer).toEqual({ at: expect.any(Number) });
  if (command.kind === 'answer') expect(answer?.spoken === true ? typeof answer.text : answer?.text?.trim()).toBeTruthy();
}

/** What a command may change of a session's content: its inputs, answers, statements, picks and evaluations. */
function contentOf(session: Session): unknown {
  const { inputs, statements, picks, evaluations } = session;
  return { inputs, statements, picks, evaluations, cases: session.selection?.proposals };
}

/** A group's meeting: the case is chosen before any phase, by the rules of selection.ts. */
function checkSelection(session: Session): void {
  const selection = session.selection;
  if (session.status === 'selecting') expect(session.presenter === undefined && selection !== undefined && selection.chosen === undefined).toBe(true);
  if (session.presenter === undefined) expect(['open', 'selecting', 'closing']).toContain(session.status);
  if (!selection) return;
  const ids = selection.proposals.map((p) => p.id);
  const authors = selection.proposals.map((p) => p.author);
  expect(new Set(authors).size).toBe(authors.length);
  if (selection.chosen) {
    expect(session.presenter).toBe(selection.chosen.author);
    expect(selection.votes).toEqual({});
  }
  for (const p of selection.proposals) {
    if (p.id !== selection.chosen?.proposalId) expect(session.members).toContain(p.author);
    expect(p.author).not.toBe(session.facilitator);
  }
  // One vote each, by a member who agreed, for a case still proposed.
  for (const [voter, id] of Object.entries(selection.votes)) {
    expect(session.members).toContain(voter);
    expect(session.agreed).toContain(voter);
    expect(ids).toContain(id);
  }
}

/** Consent before content: a participant who had not agreed only agrees, leaves or closes, and no content changes. */
function checkConsent(prev: Session, command: Command, next: Session): void {
  if (command.actor === SYSTEM) return;
  if (prev.agreed.includes(command.actor)) return;
  expect(['join', 'agree', 'leave', 'close']).toContain(command.kind);
  // Leaving a group's meeting takes one's own case along, and nothing else.
  const mine = (session: Session) => ({ ...(contentOf(session) as object), cases: session.selection?.proposals.filter((p) => command.kind !== 'leave' || p.author !== command.actor) });
  expect(mine(next)).toEqual(mine(prev));
  // Once the session has started, nobody new comes in.
  if (command.kind === 'join' && prev.status !== 'open') expect(prev.members).toContain(command.actor);
}

/** What must hold of any session the engine produced. */
function checkState(session: Session): void {
  const format = registry.require(session.formatId);
  const round = session.current?.round;
  // Live rounds: exactly one turn holder while the session runs; it is in the order and has not had its turn.
  if (round && session.settings.mode === 'live' && session.status === 'running') {
    const holder = turnHolder(session);
    expect(holder).toBeDefined();
    expect(round.order).toContain(holder);
    expect(round.marks[holder ?? '']).toBeUndefined();
    expect(round.order.slice(0, round.turn).every((u) => round.marks[u] !== undefined || !takesPart(session, u))).toBe(true);
  }
  // The presenter never holds a member turn nor authors an input in a members phase.
  const phase = currentPhase(session, registry);
  if (round && phase?.kind === 'rounds' && phase.actor === 'members') expect(round.order).not.toContain(session.presenter);
  for (const input of session.inputs) {
    const inputPhase = format.phases.find((p) => p.id === input.phaseId);
    expect(inputPhase?.kind).toBe('rounds');
    if (inputPhase?.kind === 'rounds' && inputPhase.actor === 'members') expect(input.author).not.toBe(session.presenter);
  }
  // Only a call has spoken inputs, and only a spoken input may have no words.
  for (const input of session.inputs) {
    if (input.spoken) expect(session.settings.onCall).toBe(true);
    else expect(input.text).not.toBe('');
  }
  // One input per person per round.
  const keys = session.inputs.map((i) => `${i.phaseId}/${i.round}/${i.author}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(session.members).not.toContain(session.presenter);
  // Nobody who has not agreed is waited for in a round, nor is anyone in the session once it runs without having agreed.
  if (round) expect(pendingInRound(session, round).every((user) => session.agreed.includes(user))).toBe(true);
  if (session.status === 'running' || session.status === 'ended') expect(participants(session).filter((user) => !session.agreed.includes(user))).toEqual([]);
  expect(session.recent.length).toBeLessThanOrEqual(64);
  checkSelection(session);
}

describe('random command sequences never break the rules', () => {
  it('invariants hold for every format and mode', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        let now = Date.UTC(2025, 5, 2, 9);
        let session = sessionFor(scenario, now);
        if (scenario.startFirst) {
          const started = decide(session, { kind: 'start', id: 'c0', actor: FACILITATOR, seq: session.seq }, now, registry);
          if (started.ok) session = started.session;
        }
        const timers: Timer[] = [];
        let last: Command | undefined;
        let n = 0;
        for (const intent of scenario.intents) {
          now += intent.waitMinutes * 60_000;
          let command: Command;
          if (intent.repeatLast && last) {
            command = last;
          } else {
            n += 1;
            const seq = intent.seqMode === 'current' ? session.seq : intent.seqMode === 'old' ? session.seq - 1 : session.seq + 1;
            const steered = steer(session, intent);
            const body = bodyFor(session, steered, timers);
            // Timers fire when due: move the clock to them.
            if (body.kind === 'timer' && intent.flag) now = Math.max(now, body.timer.at);
            command = { ...body, id: `c${n}`, actor: actorFor(session, steered), seq } as Command;
          }
          const prev = deepFreeze(session);
          const outcome = decide(prev, command, now, registry);
          checkStep(prev, command, outcome, now);
          if (outcome.ok) {
            session = outcome.session;
            for (const effect of outcome.effects) if (effect.type === 'schedule') timers.push(effect.timer);
          }
          last = command;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a rejection never changes the session, and decide never changes its input', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const created = newSession(
          {
            id: 'S2',
            formatId: scenario.formatId,
            channel: 'C1',
            title: 'Random',
            createdBy: FACILITATOR,
            facilitator: FACILITATOR,
            presenter: PRESENTER,
            members: POOL.slice(0, scenario.memberCount),
            settings: scenario.mode === 'call' ? settingsFor('live', { onCall: true }) : settingsFor(scenario.mode),
          },
          0,
          registry,
        );
        let session = created.session;
        let now = 0;
        scenario.intents.forEach((intent, i) => {
          now += intent.waitMinutes * 60_000;
          const command = { ...bodyFor(session, intent, []), id: `r${i}`, actor: actorFor(session, intent), seq: session.seq } as Command;
          const snapshot = structuredClone(session);
          const outcome = decide(session, command, now, registry);
          // Without freezing: the input must still equal its snapshot.
          expect(session).toEqual(snapshot);
          if (outcome.ok) session = outcome.session;
        });
      }),
      { numRuns: 60 },
    );
  });
});
