import { hasPickSource, inputsOf, pendingAnswers, pickCandidates, turnHolder } from '../../src/engine/queries';
import type { ChoicePhase } from '../../src/engine/formats/schema';
import { formats } from '../../src/engine/formats';
import type { CommandBody, Effect } from '../../src/engine/session';
import { ANNA, BEN, CARA, FACILITATOR, PRESENTER, Table } from './table';

/**
 * Where the call mode meets the formats' own steps and the facilitator's
 * guarding: the focused questions answered aloud or passed on, turns
 * announced in the new phases (the closing round's facilitator included),
 * a spoken input hidden or clarified, and the seq ahead of the session's
 * turned down for the new commands too.
 */

/** "Done" on a call: the input said aloud, with an optional note. */
function done(t: Table, actor: string, note?: string): void {
  t.ok(actor, { kind: 'input', phaseId: t.phaseId ?? '', round: t.roundNo, ...(note !== undefined ? { text: note } : {}) });
}

/** Who the last accepted command nudged, as "user@phase/round". */
function nudged(t: Table): string[] {
  return t.effects
    .filter((e): e is Extract<Effect, { type: 'dm' }> => e.type === 'dm' && e.message === 'your-turn')
    .map((e) => `${e.user}@${e.phaseId}/${e.round}`);
}

/** An Agile-Intervision live on a call, in its focused questions after Anna's observation resonated. */
function focusedOnCall(): Table {
  const t = new Table({ format: 'agile-intervision', mode: 'live', settings: { onCall: true } });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story' });
  done(t, ANNA, 'Your voice dropped');
  t.nextPhase();
  t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: [t.inputIds('observations')[0] ?? ''] });
  expect(t.phaseId).toBe('focused-questions');
  return t;
}

describe('focused questions on a call: asked aloud, answered aloud or passed on', () => {
  it('a question answered aloud is not a pass, a pass has no words, and the phase waits for both', () => {
    const t = focusedOnCall();
    done(t, ANNA);
    done(t, BEN, 'When did you last say it?');
    t.pass(CARA);
    t.allPass(ANNA, BEN, CARA);
    const [first, second] = t.inputIds('focused-questions');
    expect(pendingAnswers(t.session, 'focused-questions')).toHaveLength(2);
    // "Answered Q1": said aloud, recorded without a note.
    t.ok(PRESENTER, { kind: 'answer', inputId: first ?? '' });
    expect(t.session.inputs.find((i) => i.id === first)?.answer).toEqual({ text: '', at: t.now, spoken: true });
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: first ?? '' })).toMatchObject({ key: 'alreadyAnswered' });
    expect(t.phaseId).toBe('focused-questions');
    // "Pass on Q2": a pass, neither spoken nor written.
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: second ?? '' });
    expect(t.session.inputs.find((i) => i.id === second)?.answer).toEqual({ at: t.now });
    expect(t.phaseId).toBe('closing-round');
  });

  it('an answer aloud may still follow a pass, with a note', () => {
    const t = focusedOnCall();
    done(t, ANNA);
    const [question] = t.inputIds('focused-questions');
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' });
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' })).toMatchObject({ key: 'alreadyPassedOn' });
    t.ok(PRESENTER, { kind: 'answer', inputId: question ?? '', text: 'On reflection: planning.' });
    expect(t.session.inputs.find((i) => i.id === question)?.answer).toEqual({ text: 'On reflection: planning.', at: t.now, spoken: true });
  });
});

describe('turns announced in the formats\' new steps', () => {
  it('each observer is told when their focused question is due; answers and passes on questions tell nobody', () => {
    const t = focusedOnCall();
    // The pick began the rounds: Anna holds the first turn.
    expect(nudged(t)).toEqual([`${ANNA}@focused-questions/1`]);
    done(t, ANNA);
    expect(nudged(t)).toEqual([`${BEN}@focused-questions/1`]);
    t.ok(PRESENTER, { kind: 'answer', inputId: t.inputIds('focused-questions')[0] ?? '' });
    expect(nudged(t)).toEqual([]);
    done(t, BEN);
    expect(nudged(t)).toEqual([`${CARA}@focused-questions/1`]);
  });

  it('the closing round reaches the facilitator who is not an observer, and tells them', () => {
    const t = new Table({ format: 'agile-intervision', mode: 'live', settings: { onCall: true } });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story' });
    t.nextPhase(); // no observations: nothing resonates, the pick passes by
    expect(t.phaseId).toBe('focused-questions');
    t.nextPhase();
    expect(t.phaseId).toBe('closing-round');
    // The case giver speaks first; the facilitator moved the step, so the case giver (who did not act) is told.
    expect(nudged(t)).toEqual([`${PRESENTER}@closing-round/1`]);
    done(t, PRESENTER);
    done(t, ANNA);
    t.pass(BEN);
    done(t, CARA);
    expect(turnHolder(t.session)).toBe(FACILITATOR);
    expect(nudged(t)).toEqual([`${FACILITATOR}@closing-round/1`]);
    done(t, FACILITATOR, 'Slow down when it gets quiet.');
    expect(t.session.status).toBe('ended');
  });
});

/** A progress-focused session live on a call, in its tips: Anna's tip said aloud without a note (i1), Ben's with one (i2). */
function tipsOnCall(): Table {
  const t = new Table({ mode: 'live', settings: { onCall: true } });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
  t.nextPhase();
  t.nextPhase();
  expect(t.phaseId).toBe('tips');
  done(t, ANNA);
  done(t, BEN, 'one by one');
  return t;
}

describe('the facilitator guards a call as they guard writing', () => {
  it('a spoken tip can be hidden: it leaves the board and what can be picked, in the menu and in own words', () => {
    const t = tipsOnCall();
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'judgement' });
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'judgement' });
    expect(inputsOf(t.session, 'tips')).toEqual([]);
    const usefulness = formats.require('progress-focused').phases.find((p) => p.id === 'usefulness') as ChoicePhase;
    expect(hasPickSource(t.session, usefulness)).toBe(false);
    expect(pickCandidates(t.session, usefulness)).toEqual([]);
    t.pass(CARA);
    t.allPass(ANNA, BEN, CARA);
    // Nothing left to pick from, not even in own words: the step passes by.
    expect(t.phaseId).toBe('evaluation');
  });

  it('a tip said aloud without a note can be clarified: the clarification is written, the note stays as it was', () => {
    const t = tipsOnCall();
    t.pass(CARA);
    t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' });
    expect(t.no(BEN, { kind: 'clarify', inputId: 'i1', text: 'Mine?' }).code).toBe('not-allowed');
    expect(t.no(ANNA, { kind: 'clarify', inputId: 'i1', text: '  ' }).code).toBe('invalid');
    t.ok(ANNA, { kind: 'clarify', inputId: 'i1', text: 'Ask each of them, one at a time.' });
    const input = t.session.inputs.find((i) => i.id === 'i1');
    expect(input).toMatchObject({ text: '', spoken: true, clarification: { text: 'Ask each of them, one at a time.', at: t.now } });
  });
});

describe('a seq ahead of the session\'s is turned down for the new commands too', () => {
  it('hide, ask-clarification, clarify, answer-pass and nudges: stale, nothing changes', () => {
    const t = focusedOnCall();
    done(t, ANNA, 'What would you want?');
    t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i2' });
    const ahead = { seq: t.session.seq + 1 };
    const tries: Array<[string, CommandBody]> = [
      [FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'advice' }],
      [FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' }],
      [ANNA, { kind: 'clarify', inputId: 'i2', text: 'If nobody minded.' }],
      [PRESENTER, { kind: 'answer-pass', inputId: 'i2' }],
      [PRESENTER, { kind: 'answer', inputId: 'i2' }],
      [BEN, { kind: 'nudges', via: 'dm' }],
    ];
    const before = t.session;
    for (const [actor, body] of tries) expect(t.no(actor, body, ahead)).toMatchObject({ code: 'stale', key: 'outOfDate' });
    expect(t.session).toBe(before);
    // With the seq the person saw (an older one is fine), each is taken.
    t.ok(ANNA, { kind: 'clarify', inputId: 'i2', text: 'If nobody minded.' }, { seq: t.session.seq - 1 });
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: 'i2' }, { seq: 0 });
  });
});
