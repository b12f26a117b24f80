import { randomBytes } from 'node:crypto';
import type { Session } from '../../src/engine/session';

/** Text no other session holds, so a scan of storage can prove it is gone. */
export function distinctiveText(): string {
  return `the case of the purple giraffe ${randomBytes(6).toString('hex')}`;
}

/** A running session with one input; ids are unique per call. */
export function aSession(overrides: Partial<Session> = {}): Session {
  const id = overrides.id ?? `s${randomBytes(5).toString('hex')}`;
  const createdAt = overrides.createdAt ?? 1_700_000_000_000;
  return {
    v: 1,
    id,
    seq: 1,
    formatId: 'progress-focused',
    channel: 'C0123',
    title: 'Tuesday intervision',
    createdBy: 'U1',
    createdAt,
    updatedAt: createdAt,
    status: 'running',
    settings: {
      mode: 'live',
      facilitatorIsMember: false,
      timeboxMinutes: { presentation: 5 },
      roundWindowHours: 24,
      workingDaysOnly: false,
      timeZone: 'Europe/Amsterdam',
      reminderLeadHours: 2,
      presenterCopy: true,
    },
    facilitator: 'U1',
    presenter: 'U2',
    members: ['U3', 'U4'],
    agreed: ['U1', 'U2', 'U3', 'U4'],
    phaseIndex: 1,
    current: { id: 'questions', startedAt: createdAt, roundsClosed: 0, notices: [] },
    inputs: [{ id: 'i1', phaseId: 'questions', round: 1, author: 'U3', text: 'What did you try first?', at: createdAt }],
    nextInputNo: 2,
    statements: {},
    picks: {},
    evaluations: {},
    recent: [],
    ...overrides,
  };
}

/** The session as the engine would return it after one more accepted command. */
export function advanced(session: Session, change: Partial<Session> = {}): Session {
  return { ...session, seq: session.seq + 1, updatedAt: session.updatedAt + 1000, ...change };
}
