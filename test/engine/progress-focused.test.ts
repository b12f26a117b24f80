import { ANNA, BEN, CARA, FACILITATOR, MINUTE, PRESENTER, Table } from './table';

describe('a live progress-focused intervision, played step by step', () => {
  it('runs from presentation through questions, compliments, tips, usefulness and evaluation to the end', () => {
    const t = new Table({ format: 'progress-focused', mode: 'live' });
    expect(t.session.status).toBe('open');
    expect(t.session.seq).toBe(1);
    expect(t.effects.filter((effect) => effect.type !== 'schedule')).toEqual([{ type: 'card' }]);

    // 1. Presentation: the presenter tells the case (at most 5 minutes).
    const started = t.start();
    expect(t.session.status).toBe('running');
    expect(t.phaseId).toBe('presentation');
    expect(t.session.current?.deadline).toBe(t.now + 5 * MINUTE);
    expect(started.effects).toEqual(
      expect.arrayContaining([
        { type: 'card' },
        { type: 'phase', phaseId: 'presentation' },
        { type: 'schedule', timer: { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ending', at: t.now + 4 * MINUTE } },
        { type: 'schedule', timer: { kind: 'timebox-warning', phaseId: 'presentation', stage: 'ended', at: t.now + 5 * MINUTE } },
      ]),
    );
    t.wait(4 * MINUTE);
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation', text: 'My team stopped showing up to the retro.' });
    expect(t.session.statements.presentation?.text).toBe('My team stopped showing up to the retro.');

    // 2. Factual questions, in turn order; the presenter answers each one.
    expect(t.phaseId).toBe('factual-questions');
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN, CARA]);
    t.input(ANNA, 'How many people are on the team?');
    const [q1] = t.inputIds('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q1 ?? '', text: 'Seven.' });
    t.pass(BEN);
    t.input(CARA, 'Since when?');
    expect(t.roundNo).toBe(2);
    t.pass(ANNA);
    t.input(BEN, 'Who facilitates the retro?');
    t.pass(CARA);
    // Round 2 had an input, so round 3 opens; a round of passes ends the questions.
    expect(t.roundNo).toBe(3);
    t.allPass(ANNA, BEN, CARA);
    // Two questions still wait for an answer: the phase waits for the presenter.
    expect(t.phaseId).toBe('factual-questions');
    expect(t.session.current?.round).toBeUndefined();
    const [, q2, q3] = t.inputIds('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q2 ?? '', text: 'Since March.' });
    expect(t.phaseId).toBe('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q3 ?? '', text: 'I do.' });

    // 3. Appreciation: the presenter does not respond.
    expect(t.phaseId).toBe('appreciation');
    t.input(ANNA, 'You keep trying new formats.');
    t.input(BEN, 'You asked for help.');
    t.pass(CARA);
    t.allPass(ANNA, BEN, CARA);

    // 4. Tips.
    expect(t.phaseId).toBe('tips');
    t.input(ANNA, 'Ask the team what they would change.');
    t.input(BEN, 'Shorten the retro.');
    t.input(CARA, 'Hold it outside the office.');
    t.input(ANNA, 'Let someone else facilitate once.');
    t.allPass(BEN, CARA);
    expect(t.roundNo).toBe(3);
    t.allPass(ANNA, BEN, CARA);
    const tips = t.inputIds('tips');
    expect(tips).toHaveLength(4);

    // 5. Usefulness: the presenter names up to three tips.
    expect(t.phaseId).toBe('usefulness');
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: [tips[0] ?? '', tips[3] ?? ''] });
    expect(t.session.picks.usefulness?.items).toEqual([tips[0], tips[3]]);

    // 6. Evaluation: the presenter first, then every member.
    expect(t.phaseId).toBe('evaluation');
    t.no(ANNA, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    t.ok(PRESENTER, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes', what: 'The compliments.' });
    t.ok(CARA, { kind: 'evaluate', phaseId: 'evaluation', useful: 'partly' });
    t.ok(ANNA, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes', what: 'Hearing the tips of others.' });
    expect(t.phaseId).toBe('evaluation');
    t.ok(BEN, { kind: 'evaluate', phaseId: 'evaluation', useful: 'no' });

    // 7. End: the session waits for the facilitator to close it.
    expect(t.phaseId).toBe('end');
    expect(t.session.status).toBe('ended');
    const closed = t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(t.session.status).toBe('closing');
    expect(closed.effects).toEqual([{ type: 'cancel-timers' }, { type: 'purge' }]);
    expect(t.session.closing).toEqual({ by: FACILITATOR, at: t.now, reason: 'facilitator' });
  });

  it('after everyone passes in round 2, the phase moves on to appreciation', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.input(ANNA, 'How long has this been going on?');
    t.allPass(BEN, CARA);
    const [q] = t.inputIds('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q ?? '', text: 'Two months.' });
    expect(t.roundNo).toBe(2);
    t.allPass(ANNA, BEN);
    expect(t.phaseId).toBe('factual-questions');
    const last = t.pass(CARA);
    expect(t.phaseId).toBe('appreciation');
    expect(last.effects).toEqual(
      expect.arrayContaining([
        { type: 'phase', phaseId: 'factual-questions' },
        { type: 'phase', phaseId: 'appreciation' },
        { type: 'card' },
      ]),
    );
  });

  it('a pending answer does not hold up the next member, but holds the phase once the rounds are over', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.input(ANNA, 'Is the team remote?');
    // Ben may go on while Anna's question waits for its answer.
    t.input(BEN, 'Does the manager join?');
    t.pass(CARA);
    t.allPass(ANNA, BEN, CARA);
    expect(t.session.current?.round).toBeUndefined();
    const [q1, q2] = t.inputIds('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q1 ?? '', text: 'Half of it.' });
    // A later answer replaces the earlier one.
    t.ok(PRESENTER, { kind: 'answer', inputId: q1 ?? '', text: 'Half of it, yes.' });
    expect(t.session.inputs.find((i) => i.id === q1)?.answer?.text).toBe('Half of it, yes.');
    expect(t.phaseId).toBe('factual-questions');
    t.ok(PRESENTER, { kind: 'answer', inputId: q2 ?? '', text: 'Never.' });
    expect(t.phaseId).toBe('appreciation');
  });

  it('the facilitator may move on while answers are still pending', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.input(ANNA, 'Is the team remote?');
    t.allPass(BEN, CARA, ANNA, BEN, CARA);
    expect(t.phaseId).toBe('factual-questions');
    t.nextPhase();
    expect(t.phaseId).toBe('appreciation');
  });

  it('nobody responds to questions of an earlier phase: answers belong to the phase in progress', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.input(ANNA, 'Is the team remote?');
    t.nextPhase();
    const [q] = t.inputIds('factual-questions');
    const late = t.no(PRESENTER, { kind: 'answer', inputId: q ?? '', text: 'Yes.' });
    expect(late.code).toBe('stale');
    // Nor can the presenter "answer" a compliment.
    t.input(ANNA, 'You listen well.');
    const [c] = t.inputIds('appreciation');
    expect(t.no(PRESENTER, { kind: 'answer', inputId: c ?? '', text: 'Thanks!' }).code).toBe('stale');
  });

  it('when every member passed on tips, there is nothing to pick and usefulness is skipped', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.nextPhase(); // presentation told aloud
    t.nextPhase(); // questions
    t.nextPhase(); // appreciation
    expect(t.phaseId).toBe('tips');
    t.allPass(ANNA, BEN, CARA);
    expect(t.phaseId).toBe('evaluation');
  });

  it('the presenter picks one to three tips, from the tips only, and nobody picks for them', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    t.nextPhase();
    t.nextPhase();
    t.input(ANNA, 'You kept going.');
    t.nextPhase();
    for (const [who, tip] of [
      [ANNA, 'Tip one'],
      [BEN, 'Tip two'],
      [CARA, 'Tip three'],
      [ANNA, 'Tip four'],
    ] as const) {
      t.input(who, tip);
    }
    t.nextPhase();
    expect(t.phaseId).toBe('usefulness');
    const tips = t.inputIds('tips');
    const [compliment] = t.inputIds('appreciation');
    const pick = (items: string[]) => ({ kind: 'pick' as const, phaseId: 'usefulness', items });
    expect(t.no(FACILITATOR, pick([tips[0] ?? '']))).toMatchObject({ key: 'onlyPresenter.pick' });
    expect(t.no(PRESENTER, pick([]))).toMatchObject({ key: 'pickBetween', params: { min: 1, max: 3, noun: { input: 'tips' } } });
    expect(t.no(PRESENTER, pick(tips))).toMatchObject({ key: 'pickBetween', params: { min: 1, max: 3 } });
    expect(t.no(PRESENTER, pick([compliment ?? ''])).code).toBe('invalid');
    expect(t.no(PRESENTER, pick(['i999'])).code).toBe('invalid');
    expect(t.no(PRESENTER, pick([tips[1] ?? '', tips[1] ?? ''])).code).toBe('invalid');
    expect(t.no(PRESENTER, { ...pick([tips[1] ?? '']), remark: 'Great!' })).toMatchObject({ key: 'noRemark' });
    t.ok(PRESENTER, pick([tips[2] ?? '']));
    expect(t.phaseId).toBe('evaluation');
  });

  it('evaluation waits for the presenter first and explains it to an early member', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    // No tips were given, so usefulness has nothing to pick and is passed over.
    for (let i = 0; i < 4; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('evaluation');
    const early = t.no(BEN, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    expect(early.code).toBe('not-your-turn');
    expect(early).toMatchObject({ key: 'presenterFirst' });
    const facilitatorTry = t.no(FACILITATOR, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    expect(facilitatorTry.code).toBe('not-allowed');
    const tooLong = t.no(PRESENTER, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes', what: 'x'.repeat(301) });
    expect(tooLong).toMatchObject({ key: 'tooLong' });
    t.ok(PRESENTER, { kind: 'evaluate', phaseId: 'evaluation', useful: 'partly' });
    t.ok(BEN, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    // The facilitator may end the evaluation before everyone has answered.
    t.nextPhase();
    expect(t.session.status).toBe('ended');
    expect(t.no(ANNA, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' }).code).toBe('closed');
  });
});
