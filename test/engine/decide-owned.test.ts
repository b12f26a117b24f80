/**
 * decideOwned (the dispatcher's decide on a session it has just loaded) works
 * on the session in place instead of on a copy. It must reach exactly the
 * same outcome as decide() for every command, accepted or refused.
 */
import { decide, decideOwned } from '../../src/engine/decide';
import { newSession } from '../../src/engine/new-session';
import type { Command, Session, Timer } from '../../src/engine/session';
import fc from 'fast-check';
import { actorFor, bodyFor, POOL, registry, scenarioArb, sessionFor, steer } from './random-commands';
import { deepFreeze, FACILITATOR, PRESENTER, settingsFor } from './table';

describe('decideOwned', () => {
  it('reaches the same outcome as decide for random command sequences in every format and mode', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        let now = Date.UTC(2025, 5, 2, 9);
        let session: Session = sessionFor(scenario, now);
        const timers: Timer[] = [];
        let last: Command | undefined;
        scenario.intents.forEach((intent, n) => {
          now += intent.waitMinutes * 60_000;
          let command: Command;
          if (intent.repeatLast && last) {
            command = last;
          } else {
            const seq = intent.seqMode === 'current' ? session.seq : intent.seqMode === 'old' ? session.seq - 1 : session.seq + 1;
            const steered = steer(session, intent);
            const body = bodyFor(session, steered, timers);
            if (body.kind === 'timer' && intent.flag) now = Math.max(now, body.timer.at);
            command = { ...body, id: `c${n}`, actor: actorFor(session, steered), seq } as Command;
          }
          const expected = decide(deepFreeze(session), command, now, registry);
          // What a load gives the dispatcher: a session of its own.
          const owned = structuredClone(session);
          const outcome = decideOwned(owned, command, now, registry);
          expect(outcome).toEqual(expected);
          if (outcome.ok) {
            // Accepted: the result is the owned session itself, changed in place.
            expect(outcome.session).toBe(owned);
            session = expected.ok ? expected.session : session;
            for (const effect of outcome.effects) if (effect.type === 'schedule') timers.push(effect.timer);
          }
          last = command;
        });
      }),
      { numRuns: 200 },
    );
  });

  it('leaves a session it refuses by the gate untouched', () => {
    const { session } = newSession(
      {
        id: 'S2',
        formatId: 'progress-focused',
        channel: 'C1',
        title: 'Gate',
        createdBy: FACILITATOR,
        facilitator: FACILITATOR,
        presenter: PRESENTER,
        members: POOL.slice(0, 3),
        settings: settingsFor('live'),
      },
      0,
      registry,
    );
    const frozen = deepFreeze(session);
    // A member may not start: refused before any rule runs, so a frozen session does not throw.
    const outcome = decideOwned(frozen, { kind: 'start', id: 'x1', actor: 'UM1', seq: session.seq }, 0, registry);
    expect(outcome.ok).toBe(false);
  });
});
