import { peopleModal } from '../../blocks';
import { mention } from '../../escape';
import type { ClickHandler } from '../support/guard';

/** People on the session card: the facilitator sets the members before the start (views/people-submitted.ts). */
export function people(): ClickHandler {
  return async (click, tools) => {
    const found = await tools.load();
    if (!found) return;
    const { session } = found;
    if (click.user !== session.facilitator) return tools.reply(`Only the facilitator (${mention(session.facilitator)}) can change who takes part.`);
    if (session.status !== 'open') return tools.reply('The session has started: who takes part stays as it is.');
    await tools.open(peopleModal(session, { sessionId: session.id, seq: session.seq }));
  };
}
