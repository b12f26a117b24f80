import { hasPickSource, isOnCall, pickCandidates, turnHolder } from '../../src/engine/queries';
import { newSession } from '../../src/engine/new-session';
import type { ChoicePhase } from '../../src/engine/formats/schema';
import { formats } from '../../src/engine/formats';
import type { CommandBody, Session } from '../../src/engine/session';
import { ANNA, BEN, CARA, FACILITATOR, PRESENTER, Table, settingsFor } from './table';

/**
 * A session held live on a call: the group talks, the bot keeps the turns
 * and the phases. It is a live session whose inputs may be spoken: "Done"
 * (said it aloud, a note optional) or "I pass", the presenter's "Answered",
 * and picks in their own words when the tips were spoken. Every rule about
 * turns, rounds and phases is the live one.
 */

/** A progress-focused session, live on a call (or written, with `onCall: false`), in its factual questions. */
function inQuestions(onCall = true): Table {
  const t = new Table({ mode: 'live', settings: { onCall } });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
  expect(t.phaseId).toBe('factual-questions');
  return t;
}

/** "Done" on a call: the input said aloud, with an optional note. */
function done(t: Table, actor: string, note?: string): void {
  t.ok(actor, { kind: 'input', phaseId: t.phaseId ?? '', round: t.roundNo, ...(note !== undefined ? { text: note } : {}) });
}

describe('a session on a call is a live session', () => {
  it('is recognised as one only when it is live; an asynchronous form with the flag is stored without it', () => {
    expect(isOnCall(inQuestions().session)).toBe(true);
    expect(isOnCall(inQuestions(false).session)).toBe(false);
    const created = newSession(
      {
        id: 'S9',
        formatId: 'progress-focused',
        channel: 'C1',
        title: 'x',
        createdBy: FACILITATOR,
        facilitator: FACILITATOR,
        presenter: PRESENTER,
        members: [ANNA, BEN],
        settings: settingsFor('async', { onCall: true }),
      },
      0,
    );
    expect(created.session.settings.onCall).toBeUndefined();
    expect(isOnCall(created.session)).toBe(false);
  });

  it('keeps the same turns, rounds and phases as a written live session, move for move', () => {
    const call = inQuestions(true);
    const written = inQuestions(false);
    // The same people act in the same order; on the call the inputs are said aloud.
    const script: Array<[string, 'give' | 'pass']> = [
      [ANNA, 'give'], [BEN, 'pass'], [CARA, 'give'],
      [ANNA, 'pass'], [BEN, 'give'], [CARA, 'pass'],
      [ANNA, 'pass'], [BEN, 'pass'], [CARA, 'pass'],
    ];
    for (const [actor, move] of script) {
      // Out of turn is refused on both, with the same words.
      const other = [ANNA, BEN, CARA].find((u) => u !== turnHolder(call.session)) ?? BEN;
      const early: CommandBody = { kind: 'pass', phaseId: call.phaseId ?? '', round: call.roundNo };
      expect(call.no(other, early)).toEqual(written.no(other, early));
      if (move === 'give') {
        done(call, actor);
        written.input(actor, 'A factual question?');
      } else {
        call.pass(actor);
        written.pass(actor);
      }
      expect([call.phaseId, call.roundNo, turnHolder(call.session)]).toEqual([written.phaseId, written.roundNo, turnHolder(written.session)]);
    }
    // Three rounds, the last all passes: the rounds are over, and the presenter still owes two answers on both.
    expect(call.session.current?.round).toBeUndefined();
    expect(call.session.roundLog).toEqual(written.session.roundLog);
    expect(call.phaseId).toBe('factual-questions');
  });

  it('"Done" records an input said aloud; a note, if typed, is kept with it', () => {
    const t = inQuestions();
    done(t, ANNA);
    done(t, BEN, '  Who was in the room?  ');
    expect(t.session.inputs.map(({ author, text, spoken }) => ({ author, text, spoken }))).toEqual([
      { author: ANNA, text: '', spoken: true },
      { author: BEN, text: 'Who was in the room?', spoken: true },
    ]);
  });

  it('a note too long is refused kindly and changes nothing; a written live session still needs words', () => {
    const t = inQuestions();
    const long = t.no(ANNA, { kind: 'input', phaseId: 'factual-questions', round: 1, text: 'a'.repeat(301) });
    expect(long).toMatchObject({ code: 'invalid', key: 'tooLong', params: { what: { own: 'note' }, length: 301, max: 300 } });
    const written = inQuestions(false);
    expect(written.no(ANNA, { kind: 'input', phaseId: 'factual-questions', round: 1 })).toMatchObject({ key: 'empty' });
  });

  it('the author may change or clear the note while the round is open', () => {
    const t = inQuestions();
    done(t, ANNA, 'first note');
    t.ok(ANNA, { kind: 'edit', inputId: 'i1', text: '   ' });
    expect(t.session.inputs[0]).toMatchObject({ text: '', spoken: true });
    expect(t.no(BEN, { kind: 'edit', inputId: 'i1', text: 'mine now' }).code).toBe('not-allowed');
  });
});

describe('the presenter answers aloud', () => {
  it('"Answered" records a spoken answer; the phase waits for every question, as in a written session', () => {
    const t = inQuestions();
    done(t, ANNA);
    done(t, BEN, 'Who decided?');
    t.allPass(CARA, ANNA, BEN, CARA);
    expect(t.phaseId).toBe('factual-questions');
    expect(t.no(ANNA, { kind: 'answer', inputId: 'i1' }).code).toBe('not-allowed');
    t.ok(PRESENTER, { kind: 'answer', inputId: 'i1' });
    expect(t.session.inputs[0]?.answer).toEqual({ text: '', at: t.now, spoken: true });
    expect(t.phaseId).toBe('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: 'i2', text: 'My manager.' });
    expect(t.session.inputs[1]?.answer).toEqual({ text: 'My manager.', at: t.now, spoken: true });
    expect(t.phaseId).toBe('appreciation');
  });

  it('a written session still needs the answer in words', () => {
    const t = inQuestions(false);
    t.input(ANNA, 'Why?');
    expect(t.no(PRESENTER, { kind: 'answer', inputId: 'i1' })).toMatchObject({ key: 'empty' });
  });
});

describe('picks on a call', () => {
  /** The session in its usefulness step after tips by Anna (noted or not) and Ben (said aloud). */
  function inUsefulness(annaNote?: string, onCall = true): Table {
    const t = inQuestions(onCall);
    t.nextPhase();
    t.nextPhase();
    expect(t.phaseId).toBe('tips');
    if (onCall) done(t, ANNA, annaNote);
    else t.input(ANNA, annaNote ?? 'A tip');
    if (onCall) done(t, BEN);
    else t.input(BEN, 'Another tip');
    t.nextPhase();
    expect(t.phaseId).toBe('usefulness');
    return t;
  }
  const usefulness = formats.require('progress-focused').phases.find((p): p is ChoicePhase => p.kind === 'choice');

  it('the menu offers only noted tips; a tip said aloud without a note is still something to pick', () => {
    const t = inUsefulness('Silent writing first');
    if (!usefulness) throw new Error('no usefulness phase');
    expect(pickCandidates(t.session, usefulness)).toEqual(['i1']);
    expect(hasPickSource(t.session, usefulness)).toBe(true);
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: ['i2'] })).toMatchObject({ key: 'choiceUnavailable' });
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: ['i1'] });
    expect(t.phaseId).toBe('evaluation');
  });

  it('with no tip noted, the presenter writes the picks in their own words; an empty pick is refused kindly', () => {
    const t = inUsefulness();
    const empty = t.no(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: [] });
    expect(empty).toMatchObject({ code: 'invalid', key: 'nothingNoted' });
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: [], named: 'x'.repeat(501) })).toMatchObject({
      key: 'tooLong',
      params: { what: { own: 'named' }, length: 501, max: 500 },
    });
    expect(t.no(ANNA, { kind: 'pick', phaseId: 'usefulness', items: [], named: 'Mine' }).code).toBe('not-allowed');
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: [], named: "Anna's silent writing, and Ben's rotation" });
    expect(t.session.picks.usefulness).toEqual({ items: [], named: "Anna's silent writing, and Ben's rotation", at: t.now });
    expect(t.phaseId).toBe('evaluation');
  });

  it('own words and noted picks go together, up to the maximum', () => {
    const t = inUsefulness('Silent writing first');
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: ['i1'], named: "and Ben's idea" });
    expect(t.session.picks.usefulness).toMatchObject({ items: ['i1'], named: "and Ben's idea" });
  });

  it('a written session, or a choice among fixed options, takes no picks in own words', () => {
    const t = inUsefulness('A tip', false);
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: ['i1'], named: 'mine' })).toMatchObject({ key: 'fromList' });
    const method = new Table({ format: 'collegial-consultation', mode: 'live', settings: { onCall: true } });
    method.start();
    while (method.phaseId !== 'method') method.nextPhase();
    expect(method.no(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['ideas'], named: 'ideas' })).toMatchObject({ key: 'fromList' });
    method.ok(PRESENTER, { kind: 'pick', phaseId: 'method', items: ['ideas'] });
  });

  it('with no tip at all, spoken or noted, the step has nothing to do and moves on', () => {
    const t = inQuestions();
    t.nextPhase();
    t.nextPhase();
    t.allPass(ANNA, BEN, CARA);
    expect(t.phaseId).toBe('evaluation');
  });
});

describe('sessions stored before calls existed', () => {
  it('load and play as written live sessions (no onCall, no spoken inputs, no nudge choice)', () => {
    const t = inQuestions(false);
    t.input(ANNA, 'Why?');
    const stored = JSON.parse(JSON.stringify(t.session)) as Session & Record<string, unknown>;
    delete stored.nudgeByDm;
    delete (stored.settings as unknown as Record<string, unknown>).onCall;
    expect(JSON.stringify(stored)).not.toMatch(/onCall|spoken|nudgeByDm|named/);
    t.session = stored;
    expect(isOnCall(t.session)).toBe(false);
    t.pass(BEN);
    expect(t.no(CARA, { kind: 'input', phaseId: 'factual-questions', round: 1 })).toMatchObject({ key: 'empty' });
  });
});
