import { turnHolder, whoIsWaitedFor } from '../../src/engine/queries';
import { SYSTEM, type UserId } from '../../src/engine/session';
import { ANNA, BEN, CARA, FACILITATOR, HOUR, OUTSIDER, PRESENTER, Table } from './table';

/**
 * Slack tells the bot that an account was deactivated; the system then sends
 * `remove` with reason 'deactivated'. Nothing may wait for someone who can no
 * longer click: a member is taken out, a presenter's running session pauses.
 */

const gone = (member: UserId) => ({ kind: 'remove', member, reason: 'deactivated' }) as const;

/** A live progress-focused session in its tips (round 1, Anna's turn). */
function inTips(options: ConstructorParameters<typeof Table>[0] = {}): Table {
  const t = new Table({ format: 'progress-focused', ...options });
  t.start();
  for (let i = 0; i < 3; i += 1) t.nextPhase();
  expect(t.phaseId).toBe('tips');
  return t;
}

describe('a member whose account was deactivated', () => {
  it('holding the turn: they are taken out, the turn moves on, their inputs stay', () => {
    const t = inTips();
    t.input(ANNA, 'Talk to the team lead.');
    expect(turnHolder(t.session)).toBe(BEN);
    t.ok(SYSTEM, gone(BEN));
    expect(t.session.members).toEqual([ANNA, CARA]);
    expect(turnHolder(t.session)).toBe(CARA);
    expect(t.session.current?.round?.marks[BEN]).toBe('skipped');
    expect(t.effects).toEqual(
      expect.arrayContaining([{ type: 'card' }, { type: 'phase', phaseId: 'tips' }, { type: 'notice', notice: 'member-removed', user: BEN, phaseId: 'tips' }]),
    );
    expect(t.no(BEN, { kind: 'pass', phaseId: 'tips', round: 1 }).code).toBe('not-participant');
    expect(t.inputIds('tips')).toHaveLength(1);
  });

  it('the last one the round waited for: the round closes and the next opens without them', () => {
    const t = inTips();
    t.input(ANNA, 'One');
    t.input(BEN, 'Two');
    t.ok(SYSTEM, gone(CARA));
    expect(t.roundNo).toBe(2);
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN]);
    expect(t.session.roundLog?.tips?.[0]).toEqual({ number: 1, skipped: [CARA] });
  });

  it('the same news twice (Slack retries) is one removal: the repeat is a duplicate', () => {
    const t = inTips();
    t.ok(SYSTEM, gone(ANNA), { id: `deactivated:${ANNA}` });
    const seq = t.session.seq;
    const again = t.ok(SYSTEM, gone(ANNA), { id: `deactivated:${ANNA}` });
    expect(again.duplicate).toBe(true);
    expect(t.session.seq).toBe(seq);
    // Sent again under another id, they are no longer a participant at all.
    expect(t.no(SYSTEM, gone(ANNA))).toMatchObject({ key: 'notInSession' });
  });

  it('in an asynchronous round, the round no longer waits for them', () => {
    const t = new Table({ format: 'progress-focused', mode: 'async' });
    t.start();
    t.ok(PRESENTER, { kind: 'statement', phaseId: 'presentation', text: 'The case.' });
    t.input(ANNA, 'Who else knows?');
    t.pass(BEN);
    expect(whoIsWaitedFor(t.session)).toEqual([CARA]);
    t.wait(HOUR);
    t.ok(SYSTEM, gone(CARA));
    expect(t.roundNo).toBe(2);
    expect(t.session.current?.round?.order).toEqual([ANNA, BEN]);
  });

  it('before the start, they are simply no longer a member', () => {
    const t = new Table({ members: [ANNA, BEN, CARA] });
    t.ok(SYSTEM, gone(BEN));
    expect(t.session.status).toBe('open');
    expect(t.session.members).toEqual([ANNA, CARA]);
    expect(t.effects).toEqual([{ type: 'card' }]);
  });

  it('the check-in does not wait for their agreement', () => {
    const t = new Table({ format: 'agile-intervision' });
    t.inAgreementBeforeConsent([CARA]);
    expect(t.phaseId).toBe('check-in');
    t.ok(SYSTEM, gone(CARA));
    expect(t.phaseId).not.toBe('check-in');
  });

  it('the evaluation does not wait for them', () => {
    const t = new Table({ format: 'progress-focused' });
    t.start();
    for (let i = 0; i < 4; i += 1) t.nextPhase();
    expect(t.phaseId).toBe('evaluation');
    for (const who of [PRESENTER, ANNA, BEN]) t.ok(who, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes' });
    t.ok(SYSTEM, gone(CARA));
    expect(t.session.status).toBe('ended');
  });

  it('while the session is paused, or after it ended, they are still taken out', () => {
    const t = inTips();
    t.ok(FACILITATOR, { kind: 'pause' });
    t.ok(SYSTEM, gone(ANNA));
    expect(t.session.status).toBe('paused');
    expect(t.session.members).toEqual([BEN, CARA]);
    t.ok(FACILITATOR, { kind: 'resume' });
    expect(turnHolder(t.session)).toBe(BEN);

    const ended = new Table();
    ended.start();
    for (let i = 0; i < 5; i += 1) ended.nextPhase();
    expect(ended.session.status).toBe('ended');
    ended.ok(SYSTEM, gone(BEN));
    expect(ended.session.members).toEqual([ANNA, CARA]);
  });
});

describe('a presenter whose account was deactivated', () => {
  it('in a running session: it pauses, with a notice that names them, and the facilitator can close it', () => {
    const t = inTips();
    t.wait(HOUR);
    t.ok(SYSTEM, gone(PRESENTER));
    expect(t.session.status).toBe('paused');
    expect(t.session.pausedAt).toBe(t.now);
    expect(t.session.presenter).toBe(PRESENTER);
    expect(t.effects).toEqual([{ type: 'card' }, { type: 'notice', notice: 'paused', user: PRESENTER }]);
    expect(t.no(ANNA, { kind: 'pass', phaseId: 'tips', round: 1 }).code).toBe('paused');
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(t.session.status).toBe('closing');
  });

  it('while not running (not started, paused, ended): accepted, nothing changes', () => {
    const open = new Table();
    open.ok(SYSTEM, gone(PRESENTER));
    expect(open.session.status).toBe('open');
    expect(open.effects).toEqual([]);

    const paused = inTips();
    paused.ok(FACILITATOR, { kind: 'pause' });
    const pausedAt = paused.session.pausedAt;
    paused.wait(HOUR);
    paused.ok(SYSTEM, gone(PRESENTER));
    expect(paused.session.pausedAt).toBe(pausedAt);
    expect(paused.effects).toEqual([]);
  });
});

describe('a facilitator whose account was deactivated', () => {
  it('stays the facilitator; as a member too, they leave the rounds so the turn moves on', () => {
    const t = inTips({ facilitatorIsMember: true });
    expect(turnHolder(t.session)).toBe(FACILITATOR);
    t.ok(SYSTEM, gone(FACILITATOR));
    expect(t.session.facilitator).toBe(FACILITATOR);
    expect(t.session.members).toEqual([ANNA, BEN, CARA]);
    expect(turnHolder(t.session)).toBe(ANNA);
    expect(t.session.status).toBe('running');
  });

  it('not a member: nothing changes in the session', () => {
    const t = inTips();
    const members = t.session.members;
    t.ok(SYSTEM, gone(FACILITATOR));
    expect(t.session.members).toEqual(members);
    expect(t.effects).toEqual([]);
  });
});

describe('who may say an account was deactivated', () => {
  it('only the system; the facilitator removes members the usual way', () => {
    const t = inTips();
    expect(t.no(FACILITATOR, gone(ANNA))).toMatchObject({ key: 'slackOnly' });
    expect(t.no(ANNA, gone(BEN)).code).toBe('not-allowed');
    // The system never removes for any other reason.
    expect(t.no(SYSTEM, { kind: 'remove', member: ANNA }).code).toBe('not-allowed');
  });

  it('someone who does not take part is turned down, and a closing session is closed', () => {
    const t = inTips();
    expect(t.no(SYSTEM, gone(OUTSIDER))).toMatchObject({ key: 'notInSession' });
    t.ok(FACILITATOR, { kind: 'close', reason: 'facilitator' });
    expect(t.no(SYSTEM, gone(ANNA)).code).toBe('closed');
  });
});
