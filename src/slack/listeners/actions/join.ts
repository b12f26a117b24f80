import { isParticipant } from '../../../engine';
import { DEFAULT_ROLES } from '../../../engine/formats/words';
import { joinModal } from '../../blocks';
import { trOf } from '../../blocks/words';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { sessionFormat } from '../support/speech';

/** Join on the session card: opens the agreement modal (views/join-submitted.ts), unless the person is in already or may not join. */
export function join(deps: ListenerDeps): ClickHandler {
  return async (click, { load, say, refuse, open }) => {
    const found = await load();
    if (!found) return;
    const { session } = found;
    if (isParticipant(session, click.user) && session.agreed.includes(click.user)) {
      await say('replies:alreadyIn');
      return;
    }
    const refused = deps.services.precheck(session, click.user, session.seq, { kind: 'join' });
    if (refused) {
      await refuse(refused);
      return;
    }
    // The format's own agreement, or (for a format without an agreement step) the standard one, in the session's language.
    const tr = trOf(session);
    const format = sessionFormat(deps, session);
    const agreement = format?.phases.find((p) => p.kind === 'agreement');
    const text = agreement?.kind === 'agreement' ? agreement.agreement : tr('modals:join.standard', { presenter: format?.roles.presenter ?? DEFAULT_ROLES.presenter });
    await open(joinModal(tr, text, { sessionId: session.id, seq: session.seq }));
  };
}
