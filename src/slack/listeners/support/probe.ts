import { randomUUID } from 'node:crypto';
import { decide } from '../../../engine/decide';
import type { CommandBody, Rejection, Session } from '../../../engine/session';
import type { SessionService } from '../../../service/session-service';

/**
 * Asks the engine, without committing anything, whether a person could do
 * this now. Used before opening a modal, so nobody writes a question only to
 * learn that it was not their turn.
 */
export function precheck(services: SessionService, session: Session, actor: string, seq: number, body: CommandBody): Rejection | undefined {
  const probe = { id: `probe:${randomUUID()}`, actor, seq, ...body };
  const verdict = decide(session, probe, services.clock.now(), services.registry);
  return verdict.ok ? undefined : verdict;
}
