import { peopleModal } from '../../blocks';
import { mention } from '../../escape';
import type { ClickHandler } from '../support/guard';

/** People on the session card: the facilitator sets the members before the start (views/people-submitted.ts). */
export function people(): ClickHandler {
  return async (click, tools) => {
    const found = await tools.load();
    if (!found) return;
    const { session } = found;
    if (click.user !== session.facilitator) return tools.say('replies:onlyFacilitatorPeople', { facilitator: mention(session.facilitator) });
    if (session.status !== 'open') return tools.say('refusals:membersFixed');
    await tools.open(peopleModal(session, { sessionId: session.id, seq: session.seq }));
  };
}
