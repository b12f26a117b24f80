import type { Group } from '../../engine/groups/group';
import type { CaseProposal, Session, UserId } from '../../engine/session';
import { channelLink, escapeBounded, escapeText, mention } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { encodeGroupRef } from '../group-ids';
import { when } from './group-words';
import { type MessagePayload, actions, button, context, section } from './kit';
import { trOf } from './words';

/**
 * What a group sends before a meeting, and what a meeting tells the author
 * of a case it did not take. None of it holds a case's title but the
 * author's own DM about their own case.
 */

/** A member is asked, in private, whether they bring a case to the next meeting. */
export function askDm(group: Group, at: number): MessagePayload {
  const ref = encodeGroupRef({ groupId: group.id });
  const whenText = `${when(at, group.cadence.zone)} (${escapeText(group.cadence.zone)} time)`;
  const row = actions('group-ask-actions', [button('I bring a case', ACTIONS.groupPropose, ref, { style: 'primary' }), button('Withdraw my case', ACTIONS.groupWithdraw, ref)]);
  return {
    text: `Do you bring a case to ${escapeBounded(group.name, 100)}?`,
    blocks: [
      section(`*${escapeBounded(group.name, 200)}* meets on ${whenText} in ${channelLink(group.channel)}. Do you bring a case?`, 'group-ask'),
      context(['A short title is optional and not confidential. Before the meeting only its facilitator sees it; at the meeting, the group chooses whose case to take.'], 'group-ask-note'),
      ...(row ? [row] : []),
    ],
  };
}

/** The group is reminded in its channel, shortly before a meeting. */
export function reminderMessage(group: Group, at: number, facilitator: UserId | undefined, cases: number): MessagePayload {
  const by = facilitator ? `, facilitated by ${mention(facilitator)}` : '';
  const proposed = cases === 0 ? 'No case proposed yet: you can still bring one when it starts.' : `${cases} ${cases === 1 ? 'case' : 'cases'} proposed so far.`;
  return {
    text: `${escapeBounded(group.name, 100)} meets soon`,
    blocks: [section(`*${escapeBounded(group.name, 200)}* meets at ${when(at, group.cadence.zone)} (${escapeText(group.cadence.zone)} time)${by}. ${proposed}`, 'group-reminder')],
  };
}

/** The author of a case the meeting did not take: carry it to the next meeting, or let it go. */
export function caseNotChosenDm(session: Session, proposal: CaseProposal): MessagePayload {
  const tr = trOf(session);
  const ref = (op: 'on' | 'off') => encodeAction({ sessionId: session.id, seq: 0, inputId: proposal.id, op });
  const carry = button(tr('dms:caseNotChosen.carry'), ACTIONS.caseCarry, ref('on'), { style: 'primary' });
  const row = actions('case-release', [carry, button(tr('dms:caseNotChosen.letGo'), ACTIONS.caseLetGo, ref('off'))]);
  const title = proposal.title !== undefined ? tr('common:quoted', { text: escapeBounded(proposal.title, 100) }) : undefined;
  return {
    text: tr('dms:caseNotChosen.text', { session: escapeBounded(session.title, 100) }),
    blocks: [
      section(tr(title !== undefined ? 'dms:caseNotChosen.askTitled' : 'dms:caseNotChosen.ask', { session: escapeBounded(session.title, 200), title }), 'case-not-chosen'),
      context([tr('dms:caseNotChosen.note')], 'case-not-chosen-note'),
      ...(row ? [row] : []),
    ],
  };
}
