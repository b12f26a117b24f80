import { type GroupCtx, type GroupVerdict, dayName, reject } from './context';
import type { GroupCommandBody, Proposal } from './group';
import { nextMeeting, proposers } from './queries';
import { facilitatorOf, isAway } from './rotation';

/**
 * Cases proposed in private for the next meeting. A member brings one case
 * at most, with a short, non-confidential title or none; they can change the
 * title or withdraw it until the meeting begins. Who may read the titles is
 * queries.proposalsVisibleTo: before the meeting, only its facilitator.
 */

type BodyOf<K extends GroupCommandBody['kind']> = Extract<GroupCommandBody, { kind: K }>;

/** A proposed case's title is short: it names the case, it does not tell it. */
export const PROPOSAL_TITLE_MAX = 80;

/** A member brings a case to the next meeting, or changes its title. */
export function propose(ctx: GroupCtx, cmd: BodyOf<'propose'>): GroupVerdict {
  const { g, actor, now } = ctx;
  const next = nextMeeting(g, now);
  if (!next) return reject('invalid', 'This group has no meeting planned.');
  const title = cmd.title?.trim() ?? '';
  if (title.length > PROPOSAL_TITLE_MAX) return reject('invalid', `Please keep the title to ${PROPOSAL_TITLE_MAX} characters (it has ${title.length}).`);
  const existing = g.proposals.find((p) => p.author === actor);
  if (!existing && facilitatorOf(g, next.slot, proposers(g)) === actor) {
    return reject('not-allowed', `You facilitate the next meeting (${dayName(next.slot)}). To bring a case, hand the facilitation to someone else first.`);
  }
  if (isAway(g, actor, next.slot)) return reject('invalid', `You're away on ${dayName(next.slot)}. Say you'll come first, then bring your case.`);
  if (existing && cmd.carried) return reject('invalid', 'You already bring a case to the next meeting.');
  if (existing) {
    if (title === '') delete existing.title;
    else existing.title = title;
    existing.at = now;
    return undefined;
  }
  const proposal: Proposal = { id: `g${g.nextProposalNo}`, author: actor, at: now, ...(title !== '' ? { title } : {}), ...(cmd.carried ? { carried: true as const } : {}) };
  g.nextProposalNo += 1;
  g.proposals.push(proposal);
  return undefined;
}

/** The author withdraws their case before the meeting (in the meeting, the session's withdraw-case). */
export function withdrawProposal(ctx: GroupCtx, _cmd: BodyOf<'withdraw'>): GroupVerdict {
  const { g, actor } = ctx;
  if (!g.proposals.some((p) => p.author === actor)) return reject('invalid', "You haven't proposed a case for the next meeting.");
  g.proposals = g.proposals.filter((p) => p.author !== actor);
  return undefined;
}
