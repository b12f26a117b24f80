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
    expect(t.no(ANNA, { kind: 'agree' }).reason).toBe("You've already agreed.");
    expect(t.no(OUTSIDER, { kind: 'agree' }).reason).toBe('This session is for its participants. Join it first.');
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

    // 4. Resonance: the case giver picks what resonates and says what they take away.
    const observations = t.inputIds('observations');
    expect(observations).toHaveLength(4);
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'resonance', items: [observations[3] ?? ''], remark: 'I never said what I want.' });
    expect(t.session.picks.resonance).toEqual({ items: [observations[3]], remark: 'I never said what I want.', at: t.now });

    // 5. Closing round: everyone, the case giver first; one round only.
    expect(t.phaseId).toBe('closing-round');
    expect(t.session.current?.round?.order).toEqual([PRESENTER, ANNA, BEN, CARA]);
    t.input(PRESENTER, 'Say what I want, early.');
    t.input(ANNA, 'Listen for what is not said.');
    t.pass(BEN);
    t.input(CARA, 'Notice my own "we".');
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
    expect(t.phaseId).toBe('closing-round');
  });
});
