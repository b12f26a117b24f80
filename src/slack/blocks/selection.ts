import type { Format } from '../../engine/formats/schema';
import type { Selection, Session } from '../../engine/session';
import { tally } from '../../engine/selection';
import { escapeBounded, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type ActionElement, type Block, type MessagePayload, actions, button, context, option, section } from './kit';
import { escapedNoun, forRole, trOf, type Translator } from './words';

/**
 * A group's meeting chooses its case, in the session's thread: the cases
 * proposed (at the meeting the group sees their titles), a Vote button on
 * each, and the facilitator's Close the vote and Pick. Once chosen, the
 * message says which case the meeting takes. In the session's language.
 */

function caseLine(tr: Translator, n: number, title: string | undefined, author: string): string {
  const titled = title !== undefined ? tr('common:quoted', { text: escapeBounded(title, 200) }) : tr('step:selection.noTitleShown');
  return tr('step:selection.caseLine', { n, title: titled, author: mention(author) });
}

/** While choosing: each case with its votes and a Vote button; the members' and the facilitator's buttons. */
function choosing(tr: Translator, session: Session, format: Format, selection: Selection): Block[] {
  const { member, facilitator } = format.roles;
  const counts = tally(selection);
  const ref = (inputId?: string) => encodeAction({ sessionId: session.id, seq: 0, ...(inputId ? { inputId } : {}) });
  const intro = tr('step:selection.intro', { member: escapedNoun(member), facilitator: mention(session.facilitator) });
  const blocks: Block[] = [section(tr('step:selection.title'), 'selection-title'), context([intro], 'selection-intro')];
  if (selection.proposals.length === 0) blocks.push(section(tr('step:selection.none'), 'selection-none'));
  selection.proposals.slice(0, 40).forEach((p, i) => {
    const line = tr('step:selection.withVotes', { line: caseLine(tr, i + 1, p.title, p.author), votes: tr('step:selection.votes', { count: counts.get(p.id) ?? 0 }) });
    blocks.push(section(line, `case-${p.id}`, button(tr('step:selection.vote'), ACTIONS.caseVote, ref(p.id))));
  });
  const members: ActionElement[] = [button(tr('step:selection.bring'), ACTIONS.casePropose, ref()), button(tr('step:selection.withdraw'), ACTIONS.caseWithdraw, ref())];
  const own = actions('selection-members', members);
  if (own) blocks.push(own);
  if (selection.proposals.length > 0) {
    const pick: ActionElement = {
      type: 'static_select',
      action_id: ACTIONS.casePick,
      placeholder: { type: 'plain_text', text: forRole(tr, tr('step:selection.pick'), facilitator) },
      options: selection.proposals.slice(0, 100).map((p, i) => option(tr('step:selection.option', { n: i + 1, title: p.title ?? tr('step:selection.noTitle') }), ref(p.id))),
    };
    const close = button(forRole(tr, tr('step:selection.closeVote'), facilitator), ACTIONS.caseCloseVote, encodeAction({ sessionId: session.id, seq: session.seq }), { style: 'primary' });
    const row = actions('selection-facilitator', [close, pick]);
    if (row) blocks.push(row);
  }
  return blocks;
}

/** Once chosen: which case, whose, and how. */
function chosen(tr: Translator, format: Format, selection: Selection): Block[] {
  const choice = selection.chosen;
  const proposal = selection.proposals.find((p) => p.id === choice?.proposalId);
  if (!choice) return [];
  const how = choice.by === 'vote' ? tr('step:selection.byVote') : tr('step:selection.byPick', { facilitator: escapedNoun(format.roles.facilitator) });
  const params = { author: mention(choice.author), how };
  const line =
    proposal?.title !== undefined
      ? tr('step:selection.chosenTitled', { ...params, title: tr('common:quoted', { text: escapeBounded(proposal.title, 200) }) })
      : tr('step:selection.chosen', params);
  return [section(tr('step:selection.chosenTitle'), 'selection-title'), section(line, 'selection-chosen')];
}

export function renderSelection(session: Session, format: Format): MessagePayload {
  const tr = trOf(session);
  const selection = session.selection;
  if (!selection) return { text: tr('step:selection.text'), blocks: [section(tr('step:selection.nothing'), 'selection-none')] };
  const blocks = selection.chosen ? chosen(tr, format, selection) : choosing(tr, session, format, selection);
  return { text: tr(selection.chosen ? 'step:selection.textChosen' : 'step:selection.text'), blocks };
}
