import { caseProposeModal } from '../../blocks/group-forms';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** "Bring a case" while a meeting chooses one: the form with the optional title, unless the engine says no first. */
export function casePropose(deps: ListenerDeps): ClickHandler {
  return async (click, { load, refuse, open }) => {
    const found = await load();
    if (!found) return;
    const { session } = found;
    const refused = deps.services.precheck(session, click.user, session.seq, { kind: 'propose-case' });
    if (refused) {
      await refuse(refused);
      return;
    }
    const own = session.selection?.proposals.find((p) => p.author === click.user);
    await open(caseProposeModal(session.id, own?.title));
  };
}
