import { ANNA, BEN, CARA, FACILITATOR, OUTSIDER, PRESENTER, Table } from './table';

describe('a live Agile-Intervision, played step by step', () => {
  it('runs from check-in through case story, observations, resonance and the closing round to the end', () => {
    // The facilitator created the session and confirmed the agreement in the form.
    const t = new Table({ format: 'agile-intervision', mode: 'live', members: [ANNA, BEN], agreed: [FACILITATOR] });
    // Cara joins before the start: joining confirms the agreement.
    t.ok(CARA, { kind: 'join' });
    expect(t.session.members).toEqual([ANNA, BEN, CARA]);
    expect(t.session.agreed).toEqual([FACILITATOR, CARA]);

    // 1. Check-in: every participant confirms the confidentiality agreement, before the start.
    t.ok(PRESENTER, { kind: 'agree' });
    t.ok(ANNA, { kind: 'join' });
    expect(t.no(ANNA, { kind: 'agree' })).toMatchObject({ key: 'alreadyAgreed' });
    expect(t.no(OUTSIDER, { kind: 'agree' })).toMatchObject({ key: 'joinFirst' });
    t.ok(BEN, { kind: 'agree' });
    t.start();
    // The check-in has nothing left to wait for: it passes at once.
    expect(t.session.current?.id).not.toBe('check-in');

    // 2. Case story, told aloud: the case giver marks it done.
    expect(t.phaseId).toBe('case-story');
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story' });
    expect(t.session.statements['case-story']).toEqual({ at: t.now });

    // 3. Observations: one or two each, so at most two rounds.
    expect(t.phaseId).toBe('observations');
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN, CARA]);
    expect(t.no(FACILITATOR, { kind: 'input', phaseId: 'observations', round: 1, text: 'I noticed...' }).code).toBe('not-allowed');
    t.input(ANNA, 'Your voice dropped when you named your manager.');
    t.input(BEN, 'You said "we" until the conflict, then "I".');
    t.pass(CARA);
    t.input(ANNA, 'An image: a lighthouse nobody visits.');
    t.pass(BEN);
    t.input(CARA, 'Something not said: what you want.');
    // Two rounds are the most this phase has, even though round 2 had inputs.
    expect(t.phaseId).toBe('resonance');

    // 4. Resonance: the case giver picks what resonates and says what it opens up.
    const observations = t.inputIds('observations');
    expect(observations).toHaveLength(4);
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: [observations[3] ?? ''], remark: 'I never said what I want.' });
    expect(t.session.picks.resonance).toEqual({ items: [observations[3]], remark: 'I never said what I want.', at: t.now });

    // 5. Focused questions: the observers ask about the chosen observation; the case giver answers or passes.
    expect(t.phaseId).toBe('focused-questions');
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN, CARA]);
    expect(t.no(PRESENTER, { kind: 'input', phaseId: 'focused-questions', round: 1, text: 'Me?' })).toMatchObject({
      key: 'presenterListens',
      params: { presenter: { role: 'presenter' }, member: { role: 'member' }, inputs: { input: 'focused-questions' } },
    });
    expect(t.no(FACILITATOR, { kind: 'pass', phaseId: 'focused-questions', round: 1 })).toMatchObject({ key: 'facilitatorGuides', params: { inputs: { input: 'focused-questions' } } });
    t.input(ANNA, 'What would you want, if nobody minded?');
    t.input(BEN, 'When did you last say it?');
    t.pass(CARA);
    const [want, when] = t.inputIds('focused-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: want ?? '', text: 'More say in the planning.' });
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: when ?? '' });
    expect(t.session.inputs.find((i) => i.id === when)?.answer).toEqual({ at: t.now });
    t.allPass(ANNA, BEN, CARA);

    // 6. Closing round: everyone, the case giver first and the facilitator, who is not an observer, last; one round only.
    expect(t.phaseId).toBe('closing-round');
    expect(t.session.current?.round?.order).toEqual([PRESENTER, ANNA, BEN, CARA, FACILITATOR]);
    t.input(PRESENTER, 'Say what I want, early.');
    t.input(ANNA, 'Listen for what is not said.');
    t.pass(BEN);
    t.input(CARA, 'Notice my own "we".');
    expect(t.phaseId).toBe('closing-round');
    t.input(FACILITATOR, 'Slow down when it gets quiet.');
    expect(t.phaseId).toBe('end');
    expect(t.session.status).toBe('ended');
  });

  it('the check-in passes by itself when everyone confirmed the agreement by joining', () => {
    const t = new Table({ format: 'agile-intervision', members: [], agreed: [] });
    for (const who of [ANNA, BEN, PRESENTER, FACILITATOR]) t.ok(who, { kind: 'join' });
    expect(t.session.members).toEqual([ANNA, BEN]);
    t.start();
    expect(t.phaseId).toBe('case-story');
  });

  it('a member removed during the check-in of a session started before consent came first no longer holds it up', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.inAgreementBeforeConsent([CARA]);
    expect(t.phaseId).toBe('check-in');
    t.ok(FACILITATOR, { kind: 'remove', member: CARA });
    expect(t.phaseId).toBe('case-story');
  });

  it('the case giver may pick from the observations only, and nobody else may pick', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.start(); // everyone agreed before the start: the check-in passes at once
    t.nextPhase();
    t.input(ANNA, 'Your shoulders dropped.');
    t.nextPhase();
    expect(t.phaseId).toBe('resonance');
    const [observation] = t.inputIds('observations');
    expect(t.no(ANNA, { kind: 'pick', phaseId: 'resonance', items: [observation ?? ''] }).code).toBe('not-allowed');
    // Only one observation exists, so one is enough even if the format would allow three.
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: [observation ?? ''] });
    expect(t.phaseId).toBe('focused-questions');
  });
});

/** An Agile-Intervision in its focused questions after Anna's observation resonated; `mode` live unless said. */
function inFocusedQuestions(mode: 'live' | 'async' = 'live'): Table {
  const t = new Table({ format: 'agile-intervision', mode });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'case-story' });
  if (mode === 'live') {
    t.input(ANNA, 'You smiled when you named the team.');
    t.nextPhase();
  } else {
    t.input(ANNA, 'You wrote "we" until the conflict.');
    t.allPass(BEN, CARA);
    t.allPass(ANNA, BEN, CARA);
  }
  t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: [t.inputIds('observations')[0] ?? ''] });
  expect(t.phaseId).toBe('focused-questions');
  return t;
}

describe('focused questions: open questions about what resonated; the case giver answers or passes', () => {
  it('the phase waits for an answer or a pass on every question, then moves on to the closing round', () => {
    const t = inFocusedQuestions();
    t.input(ANNA, 'What does the smile hold?');
    t.allPass(BEN, CARA);
    t.allPass(ANNA, BEN, CARA);
    // The rounds are over; a question still waits for the case giver.
    expect(t.phaseId).toBe('focused-questions');
    const [question] = t.inputIds('focused-questions');
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' });
    expect(t.phaseId).toBe('closing-round');
  });

  it('a pass is the case giver\'s alone, once; an answer may still follow it', () => {
    const t = inFocusedQuestions();
    t.input(ANNA, 'What does the smile hold?');
    const [question] = t.inputIds('focused-questions');
    expect(t.no(ANNA, { kind: 'answer-pass', inputId: question ?? '' })).toMatchObject({ key: 'onlyPresenter.answer' });
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' });
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' })).toMatchObject({ key: 'alreadyPassedOn' });
    t.ok(PRESENTER, { kind: 'answer', inputId: question ?? '', text: 'Relief, I think.' });
    expect(t.session.inputs.find((i) => i.id === question)?.answer).toEqual({ text: 'Relief, I think.', at: t.now });
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' })).toMatchObject({ key: 'alreadyAnswered' });
  });

  it('where a phase has no passes on answers, every question gets an answer', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.nextPhase();
    t.input(ANNA, 'How long has it been like this?');
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: 'i1' })).toMatchObject({ key: 'answerRequired' });
  });

  it('asynchronous: questions are shown, answered or passed on once their round closes', () => {
    const t = inFocusedQuestions('async');
    t.input(ANNA, 'What does the smile hold?');
    const [question] = t.inputIds('focused-questions');
    expect(t.no(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' })).toMatchObject({ key: 'seeWhenClosed' });
    t.allPass(BEN, CARA);
    t.ok(PRESENTER, { kind: 'answer-pass', inputId: question ?? '' });
  });
});

describe('the closing round is for everyone', () => {
  it('a facilitator who also observes takes one turn, as an observer', () => {
    const t = new Table({ format: 'agile-intervision', facilitatorIsMember: true });
    t.start();
    // With no observations there is nothing to resonate: that step passes by itself.
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('closing-round');
    expect(t.session.current?.round?.order).toEqual([PRESENTER, FACILITATOR, ANNA, BEN, CARA]);
  });

  it('a facilitator whose account was deactivated no longer holds up the closing round', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.start();
    // With no observations there is nothing to resonate: that step passes by itself.
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    t.input(PRESENTER, 'Say it early.');
    t.allPass(ANNA, BEN, CARA);
    expect(t.phaseId).toBe('closing-round');
    t.ok('system', { kind: 'remove', member: FACILITATOR, reason: 'deactivated' });
    expect(t.session.status).toBe('ended');
  });
});
