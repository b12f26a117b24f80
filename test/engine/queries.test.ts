import { canAct, currentPhase, formatOf, inputsOf, participants, phaseById, pickCandidates, rolesOf, turnHolder, whoIsWaitedFor } from '../../src/engine/queries';
import { ANNA, BEN, CARA, FACILITATOR, MINUTE, PRESENTER, Table } from './table';

describe('what the UI asks of a session', () => {
  it('before the start the facilitator is waited for; there is no phase yet', () => {
    const t = new Table();
    expect(currentPhase(t.session)).toBeUndefined();
    expect(whoIsWaitedFor(t.session)).toEqual([FACILITATOR]);
    expect(participants(t.session)).toEqual([PRESENTER, FACILITATOR, ANNA, BEN, CARA]);
  });

  it('a facilitator who is a member holds both roles and appears once', () => {
    const t = new Table({ facilitatorIsMember: true });
    expect(rolesOf(t.session, FACILITATOR)).toEqual({ facilitator: true, presenter: false, member: true });
    expect(participants(t.session)).toEqual([PRESENTER, FACILITATOR, ANNA, BEN, CARA]);
  });

  it('during a statement the presenter is waited for', () => {
    const t = new Table();
    t.start();
    expect(currentPhase(t.session)?.id).toBe('presentation');
    expect(whoIsWaitedFor(t.session)).toEqual([PRESENTER]);
    expect(canAct(t.session, PRESENTER)).toBe(true);
    expect(canAct(t.session, ANNA)).toBe(false);
  });

  it('in a live round the turn holder is waited for; in an async round everyone who has not answered', () => {
    const live = new Table();
    live.start();
    live.nextPhase();
    live.input(ANNA, 'Why?');
    expect(turnHolder(live.session)).toBe(BEN);
    expect(whoIsWaitedFor(live.session)).toEqual([BEN]);

    const async = new Table({ mode: 'async' });
    async.start();
    async.nextPhase();
    async.input(ANNA, 'Why?');
    expect(turnHolder(async.session)).toBeUndefined();
    expect(whoIsWaitedFor(async.session)).toEqual([BEN, CARA]);
  });

  it('once the rounds are over, pending answers make the presenter the one waited for', () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    t.input(ANNA, 'Why?');
    t.allPass(BEN, CARA, ANNA, BEN, CARA);
    expect(whoIsWaitedFor(t.session)).toEqual([PRESENTER]);
  });

  it('in an evaluation the presenter comes first, then the members who have not answered', () => {
    const t = new Table();
    t.start();
    for (let i = 0; i < 4; i += 1) t.nextPhase();
    expect(whoIsWaitedFor(t.session)).toEqual([PRESENTER]);
    t.ok(PRESENTER, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    t.ok(BEN, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    expect(whoIsWaitedFor(t.session)).toEqual([ANNA, CARA]);
  });

  it('the options of a choice are its candidates, or the inputs of the phase it picks from', () => {
    const t = new Table({ format: 'collegial-consultation' });
    t.start();
    for (let i = 0; i < 3; i += 1) t.nextPhase();
    const phase = currentPhase(t.session);
    expect(phase?.kind === 'choice' && pickCandidates(t.session, phase)).toEqual(['hypotheses', 'ideas', 'headlines', 'sounding-board', 'solution-proposals']);
  });

  it('a phase is found by its id; an unknown or absent id finds none', () => {
    const format = formatOf(new Table({ format: 'collegial-consultation' }).session);
    expect(phaseById(format, 'consultation')).toBe(format.phases[format.phases.findIndex((phase) => phase.id === 'consultation')]);
    expect(phaseById(format, 'consultation')?.kind).toBe('rounds');
    // An option of a choice is not a phase.
    expect(phaseById(format, 'hypotheses')).toBeUndefined();
    expect(phaseById(format, 'no-such-phase')).toBeUndefined();
    expect(phaseById(format, undefined)).toBeUndefined();
  });

  it("a phase's inputs come by round, then time, whatever order the session holds them in", () => {
    const t = new Table();
    t.start();
    t.nextPhase();
    t.input(ANNA, 'First');
    t.wait(MINUTE);
    t.input(BEN, 'Second');
    t.wait(MINUTE);
    t.input(CARA, 'Third');
    t.wait(MINUTE);
    t.input(ANNA, 'Round two');
    const [first, second, third, later] = t.session.inputs;
    // Stored out of order (say, a clock that stepped back): the order given still holds.
    const shuffled = { ...t.session, inputs: [later, third, first, second].flatMap((input) => (input ? [input] : [])) };
    expect(inputsOf(shuffled, 'factual-questions').map((input) => input.text)).toEqual(['First', 'Second', 'Third', 'Round two']);
    expect(inputsOf(shuffled, 'tips')).toEqual([]);
  });
});
