import type { Format } from '../../engine/formats/schema';
import type { Selection, Session } from '../../engine/session';
import { tally } from '../../engine/selection';
import { escapeBounded, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type ActionElement, type Block, type MessagePayload, actions, button, context, option, section } from './kit';
import { capitalized, forRole } from './words';

/**
 * A group's meeting chooses its case, in the session's thread: the cases
 * proposed (at the meeting the group sees their titles), a Vote button on
 * each, and the facilitator's Close the vote and Pick. Once chosen, the
 * message says which case the meeting takes.
 */

function caseLine(n: number, title: string | undefined, author: string): string {
  return `*${n}.* ${title !== undefined ? `“${escapeBounded(title, 200)}”` : '_no title_'} · ${mention(author)}`;
}

function votes(count: number): string {
  return count === 1 ? '1 vote' : `${count} votes`;
}

/** While choosing: each case with its votes and a Vote button; the members' and the facilitator's buttons. */
function choosing(session: Session, format: Format, selection: Selection): Block[] {
  const { member, facilitator } = format.roles;
  const counts = tally(selection);
  const ref = (inputId?: string) => encodeAction({ sessionId: session.id, seq: 0, ...(inputId ? { inputId } : {}) });
  const intro = `${capitalized(member.definitePlural)} vote for the case to take (one vote each, changeable until the vote closes); ${mention(session.facilitator)} closes the vote, or picks a case. Until then, anyone can bring a case or withdraw theirs.`;
  const blocks: Block[] = [section('*Choosing the case*', 'selection-title'), context([intro], 'selection-intro')];
  if (selection.proposals.length === 0) blocks.push(section('No case has been proposed yet.', 'selection-none'));
  selection.proposals.slice(0, 40).forEach((p, i) => {
    blocks.push(section(`${caseLine(i + 1, p.title, p.author)} · ${votes(counts.get(p.id) ?? 0)}`, `case-${p.id}`, button('Vote', ACTIONS.caseVote, ref(p.id))));
  });
  const members: ActionElement[] = [button('Bring a case', ACTIONS.casePropose, ref()), button('Withdraw my case', ACTIONS.caseWithdraw, ref())];
  const own = actions('selection-members', members);
  if (own) blocks.push(own);
  if (selection.proposals.length > 0) {
    const pick: ActionElement = {
      type: 'static_select',
      action_id: ACTIONS.casePick,
      placeholder: { type: 'plain_text', text: forRole('Pick a case', facilitator) },
      options: selection.proposals.slice(0, 100).map((p, i) => option(`${i + 1}. ${p.title ?? 'no title'}`, ref(p.id))),
    };
    const row = actions('selection-facilitator', [button(forRole('Close the vote', facilitator), ACTIONS.caseCloseVote, encodeAction({ sessionId: session.id, seq: session.seq }), { style: 'primary' }), pick]);
    if (row) blocks.push(row);
  }
  return blocks;
}

/** Once chosen: which case, whose, and how. */
function chosen(session: Session, format: Format, selection: Selection): Block[] {
  const choice = selection.chosen;
  const proposal = selection.proposals.find((p) => p.id === choice?.proposalId);
  if (!choice) return [];
  const how = choice.by === 'vote' ? 'chosen by vote' : `picked by ${format.roles.facilitator.definite}`;
  const title = proposal?.title !== undefined ? `“${escapeBounded(proposal.title, 200)}”, ` : '';
  return [section('*The case*', 'selection-title'), section(`The meeting takes ${title}the case of ${mention(choice.author)} (${how}), who presents it now.`, 'selection-chosen')];
}

export function renderSelection(session: Session, format: Format): MessagePayload {
  const selection = session.selection;
  if (!selection) return { text: 'Choosing the case', blocks: [section('This meeting has no cases to choose from.', 'selection-none')] };
  const blocks = selection.chosen ? chosen(session, format, selection) : choosing(session, format, selection);
  return { text: selection.chosen ? 'The case is chosen' : 'Choosing the case', blocks };
}
