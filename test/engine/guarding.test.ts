/**
 * The facilitator guards the rules (seed 001: the process facilitator
 * "explains and guards the rules"; in appreciation they "may need to ask some
 * clarification questions"): an input that breaks the phase's rule is taken
 * off the board, and an author asked to clarify adds one clarification.
 */
import { inputsOf, pendingAnswers, pickCandidates } from '../../src/engine/queries';
import type { ChoicePhase } from '../../src/engine/formats/schema';
import { formats } from '../../src/engine/formats';
import { ANNA, BEN, CARA, FACILITATOR, PRESENTER, Table } from './table';

/** A live progress-focused session in its tips, with Anna's tip i1 (advice is fine here) and Ben's i2. */
function inTips(mode: 'live' | 'async' = 'live'): Table {
  const t = new Table({ mode });
  t.start();
  t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
  t.nextPhase();
  t.nextPhase();
  expect(t.phaseId).toBe('tips');
  t.input(ANNA, 'Ask them one by one.');
  t.input(BEN, 'You are doing it wrong.');
  return t;
}

describe('hiding an input that breaks the phase\'s rule', () => {
  it('the facilitator hides it with one of the format\'s reasons: it leaves the board, the picks and the waiting', () => {
    const t = inTips();
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'judgement' });
    const hidden = t.session.inputs.find((i) => i.id === 'i2');
    expect(hidden).toMatchObject({ text: 'You are doing it wrong.', hidden: { at: t.now, reason: 'judgement' } });
    expect(inputsOf(t.session, 'tips').map((i) => i.id)).toEqual(['i1']);
    // Its step is drawn again (the board), and the card with the new seq.
    expect(t.effects).toEqual(expect.arrayContaining([{ type: 'phase', phaseId: 'tips' }, { type: 'card' }]));
    t.pass(CARA);
    t.allPass(ANNA, BEN, CARA);
    const usefulness = formats.require('progress-focused').phases.find((p) => p.id === 'usefulness') as ChoicePhase;
    expect(pickCandidates(t.session, usefulness)).toEqual(['i1']);
    expect(t.no(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: ['i2'] }).code).toBe('invalid');
  });

  it('only the facilitator may hide, in the format\'s words, and kindly', () => {
    const t = inTips();
    expect(t.no(ANNA, { kind: 'hide', inputId: 'i2', reason: 'judgement' })).toMatchObject({
      code: 'not-allowed',
      key: 'onlyFacilitator.hide',
      params: { facilitator: { role: 'facilitator', user: FACILITATOR } },
    });
    expect(t.no(PRESENTER, { kind: 'hide', inputId: 'i2', reason: 'judgement' }).code).toBe('not-allowed');
    const collegial = new Table({ format: 'collegial-consultation' });
    collegial.start();
    expect(collegial.no(ANNA, { kind: 'hide', inputId: 'i1', reason: 'discussion' })).toMatchObject({ key: 'onlyFacilitator.hide' });
  });

  it('is idempotent: a repeat is a duplicate, a second hide is told it is done, and neither changes anything', () => {
    const t = inTips();
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'judgement' }, { id: 'hide-1' });
    const after = t.session;
    const repeat = t.send(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'judgement' }, { id: 'hide-1' });
    expect(repeat).toMatchObject({ ok: true, duplicate: true, effects: [] });
    expect(t.session).toBe(after);
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'advice' })).toMatchObject({ key: 'alreadyHidden' });
    expect(t.session.inputs.find((i) => i.id === 'i2')?.hidden?.reason).toBe('judgement');
  });

  it('a reason the format does not offer, or an input that does not exist, is refused and changes nothing', () => {
    const t = inTips();
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'rude' })).toMatchObject({ key: 'chooseReason' });
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i99', reason: 'judgement' })).toMatchObject({ key: 'inputGone' });
  });

  it('a hidden question waits for no answer: the phase moves on without it', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    t.input(ANNA, 'Why not just fire him?');
    t.allPass(BEN, CARA);
    t.allPass(ANNA, BEN, CARA);
    expect(pendingAnswers(t.session, 'factual-questions').map((i) => i.id)).toEqual(['i1']);
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'suggestive' });
    expect(t.phaseId).toBe('appreciation');
    expect(t.no(PRESENTER, { kind: 'answer', inputId: 'i1', text: 'No.' }).code).toBe('stale');
  });

  it('its author can no longer change what was hidden; what the case presenter already picked stays', () => {
    const t = inTips();
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'discussion' });
    expect(t.no(ANNA, { kind: 'edit', inputId: 'i1', text: 'Ask them together.' })).toMatchObject({ key: 'hiddenNoChange' });
    expect(t.no(ANNA, { kind: 'withdraw', inputId: 'i1' }).code).toBe('invalid');
    t.pass(CARA);
    t.nextPhase();
    t.ok(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: ['i2'] });
    // The pick ended the usefulness step; the tip it chose stays.
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'judgement' })).toMatchObject({ key: 'alreadyPicked' });
  });

  it('asynchronous: what a round holds is hidden only once the round has closed and shows it', () => {
    const t = inTips('async');
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'judgement' })).toMatchObject({ key: 'seeWhenClosed' });
    t.pass(CARA);
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'judgement' });
  });

  it('nothing is hidden before the start, while paused or after the end', () => {
    const before = new Table();
    expect(before.no(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'judgement' }).code).toBe('not-started');
    const t = inTips('async');
    t.allPass(CARA);
    t.ok(FACILITATOR, { kind: 'pause' });
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'judgement' }).code).toBe('paused');
    t.ok(FACILITATOR, { kind: 'resume' });
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    expect(t.session.status).toBe('ended');
    expect(t.no(FACILITATOR, { kind: 'hide', inputId: 'i1', reason: 'judgement' }).code).toBe('closed');
  });
});

describe('asking the author to clarify', () => {
  /** A live progress-focused session in its appreciation, with Anna's compliment i1. */
  function inAppreciation(): Table {
    const t = new Table();
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation' });
    t.nextPhase();
    t.input(ANNA, 'I like how you did it.');
    return t;
  }

  it('the facilitator asks once; the author adds one clarification, shown with the input', () => {
    const t = inAppreciation();
    t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' });
    expect(t.session.inputs[0]?.clarification).toEqual({ askedAt: t.now });
    expect(t.effects).toEqual(expect.arrayContaining([{ type: 'phase', phaseId: 'appreciation' }]));
    expect(t.no(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' })).toMatchObject({ key: 'alreadyAsked' });
    t.wait(60_000);
    t.ok(ANNA, { kind: 'clarify', inputId: 'i1', text: '  That you asked the team first.  ' });
    expect(t.session.inputs[0]?.clarification).toEqual({ askedAt: t.now - 60_000, text: 'That you asked the team first.', at: t.now });
    expect(t.no(ANNA, { kind: 'clarify', inputId: 'i1', text: 'And more.' })).toMatchObject({ key: 'alreadyClarified' });
  });

  it('an input its author was asked to clarify stays: withdrawing it is refused, before and after the answer', () => {
    const t = inAppreciation();
    t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' });
    expect(t.no(ANNA, { kind: 'withdraw', inputId: 'i1' })).toMatchObject({ code: 'invalid', key: 'clarifyingNoWithdraw' });
    t.ok(ANNA, { kind: 'clarify', inputId: 'i1', text: 'That you asked the team first.' });
    expect(t.no(ANNA, { kind: 'withdraw', inputId: 'i1' })).toMatchObject({ key: 'clarifyingNoWithdraw' });
    expect(t.session.inputs.map((input) => input.id)).toEqual(['i1']);
  });

  it('only the facilitator asks, only the author clarifies, and only what was asked', () => {
    const t = inAppreciation();
    expect(t.no(BEN, { kind: 'ask-clarification', inputId: 'i1' })).toMatchObject({ key: 'onlyFacilitator.askClarification' });
    expect(t.no(ANNA, { kind: 'clarify', inputId: 'i1', text: 'I mean...' })).toMatchObject({ key: 'notAsked' });
    t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' });
    expect(t.no(BEN, { kind: 'clarify', inputId: 'i1', text: 'She means...' })).toMatchObject({ code: 'not-allowed', key: 'clarifyOwn' });
    expect(t.no(ANNA, { kind: 'clarify', inputId: 'i1', text: '   ' })).toMatchObject({ key: 'empty' });
    expect(t.no(ANNA, { kind: 'clarify', inputId: 'i1', text: 'x'.repeat(501) })).toMatchObject({ key: 'tooLong' });
  });

  it('a facilitator who is also a member is not asked by themselves; a hidden input needs no clarification', () => {
    const t = new Table({ facilitatorIsMember: true });
    t.start();
    t.nextPhase();
    t.nextPhase();
    t.input(FACILITATOR, 'Well done.');
    expect(t.no(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' })).toMatchObject({ key: 'ownInput' });
    t.input(ANNA, 'Good.');
    t.ok(FACILITATOR, { kind: 'ask-clarification', inputId: 'i2' });
    t.ok(FACILITATOR, { kind: 'hide', inputId: 'i2', reason: 'discussion' });
    expect(t.no(ANNA, { kind: 'clarify', inputId: 'i2', text: 'Good work.' })).toMatchObject({ key: 'hiddenNoClarify' });
    expect(t.no(FACILITATOR, { kind: 'ask-clarification', inputId: 'i2' })).toMatchObject({ key: 'alreadyHidden' });
  });

  it('an author who left cannot be asked', () => {
    const t = inAppreciation();
    t.ok(ANNA, { kind: 'leave' });
    expect(t.no(FACILITATOR, { kind: 'ask-clarification', inputId: 'i1' })).toMatchObject({ key: 'noLongerTakesPart' });
  });
});
