import { isParticipant } from '../../../engine';
import { joinModal } from '../../blocks';
import { type ListenerDeps, TEXT } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** Shown before joining when the format has no agreement of its own; `presenter` is what the format calls them, with its article. */
function standardAgreement(presenter: string): string {
  return `What is shared in this session stays in this session. I will not repeat the case or anything said here, and I will not bring the case up with ${presenter} afterwards unless they do.`;
}

/** Join on the session card: opens the agreement modal (views/join-submitted.ts), unless the person is in already or may not join. */
export function join(deps: ListenerDeps): ClickHandler {
  return async (click, { load, reply, refuse, open }) => {
    const found = await load();
    if (!found) return;
    const { session } = found;
    if (isParticipant(session, click.user) && session.agreed.includes(click.user)) {
      await reply(TEXT.alreadyIn);
      return;
    }
    const refused = deps.services.precheck(session, click.user, session.seq, { kind: 'join' });
    if (refused) {
      await refuse(refused);
      return;
    }
    const format = deps.formats.get(session.formatId);
    const agreement = format?.phases.find((p) => p.kind === 'agreement');
    const text = agreement?.kind === 'agreement' ? agreement.agreement : standardAgreement(format?.roles.presenter.definite ?? 'the presenter');
    await open(joinModal(text, { sessionId: session.id, seq: session.seq }));
  };
}
