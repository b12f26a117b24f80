import { emit, person, reject, role, type Ctx, type Verdict } from './context';
import { minMembersOf } from './formats';
import { enterPhase } from './phases';
import type { CaseProposal, Command, Selection, UserId } from './session';

/**
 * Choosing whose case to take: the step a group's meeting runs before the
 * format's phases when its presenter is not fixed (status 'selecting', from
 * the facilitator's start until a case is chosen).
 *
 * - The cases proposed before the meeting are listed; a member may still
 *   bring one, or withdraw theirs, until the case is chosen.
 * - Members who confirmed the agreement vote, one vote each, which they may
 *   change until the facilitator closes the vote. The facilitator does not
 *   vote (unless they are also a member).
 * - The facilitator closes the vote: the case with the most votes is taken;
 *   a tie is broken by the facilitator, who picks one of the tied cases. The
 *   facilitator may also pick a case instead of a vote.
 * - The chosen case's author becomes the presenter and, from then on, is no
 *   longer a member (as in any session). The authors of the other cases are
 *   told privately; each may carry theirs to the group's next meeting or let
 *   it go (release-case), and the close deletes whatever is left.
 */

type CommandOf<K extends Command['kind']> = Extract<Command, { kind: K }>;

/** A case's title names it in a few words; it does not tell it. */
export const CASE_TITLE_MAX = 80;

/** The selection while the case is still being chosen; a refusal once it is not. */
function open(ctx: Ctx): Selection | ReturnType<typeof reject> {
  const selection = ctx.s.selection;
  if (ctx.s.status !== 'selecting' || !selection || selection.chosen) return reject('stale', 'caseChosen');
  return selection;
}

function isRefusal(value: Selection | ReturnType<typeof reject>): value is ReturnType<typeof reject> {
  return 'ok' in value;
}

function proposalOf(selection: Selection, id: string): CaseProposal | undefined {
  return selection.proposals.find((p) => p.id === id);
}

/** A member who agreed votes for a case, or changes their vote. */
export function vote(ctx: Ctx, cmd: CommandOf<'vote'>): Verdict {
  const selection = open(ctx);
  if (isRefusal(selection)) return selection;
  if (!ctx.s.members.includes(ctx.actor)) {
    return reject('not-allowed', 'membersVote', { member: role('member'), facilitator: role('facilitator') });
  }
  if (!proposalOf(selection, cmd.proposalId)) return reject('stale', 'caseNotProposed');
  if (selection.votes[ctx.actor] === cmd.proposalId) return reject('invalid', 'alreadyVoted');
  selection.votes[ctx.actor] = cmd.proposalId;
  emit(ctx, { type: 'selection' });
  return undefined;
}

/** How many votes each case has. */
export function tally(selection: Selection): Map<string, number> {
  const counts = new Map<string, number>(selection.proposals.map((p) => [p.id, 0]));
  for (const id of Object.values(selection.votes)) if (counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** The facilitator closes the vote: the case with the most votes is taken; a tie is theirs to break. */
export function closeVote(ctx: Ctx, _cmd: CommandOf<'close-vote'>): Verdict {
  const selection = open(ctx);
  if (isRefusal(selection)) return selection;
  if (selection.proposals.length === 0) return reject('invalid', 'noCaseProposed');
  const counts = tally(selection);
  const most = Math.max(...counts.values());
  const leaders = selection.proposals.filter((p) => counts.get(p.id) === most);
  const [leader] = leaders;
  if (leaders.length > 1 || !leader) {
    return reject('invalid', 'voteTied', { people: { users: leaders.map((p) => p.author) } });
  }
  return choose(ctx, leader, 'vote');
}

/** The facilitator picks a case, instead of a vote or to break a tie. */
export function pickCase(ctx: Ctx, cmd: CommandOf<'pick-case'>): Verdict {
  const selection = open(ctx);
  if (isRefusal(selection)) return selection;
  const proposal = proposalOf(selection, cmd.proposalId);
  if (!proposal) return reject('stale', 'caseNotProposed');
  return choose(ctx, proposal, 'pick');
}

/** A member brings a case in the meeting itself, or changes its title. */
export function proposeCase(ctx: Ctx, cmd: CommandOf<'propose-case'>): Verdict {
  const selection = open(ctx);
  if (isRefusal(selection)) return selection;
  const { s, actor } = ctx;
  if (actor === s.facilitator) return reject('not-allowed', 'facilitatorNoCase', { facilitator: role('facilitator') });
  if (!s.members.includes(actor)) return reject('not-participant', 'membersBringCases', { member: role('member') });
  const title = cmd.title?.trim() ?? '';
  if (title.length > CASE_TITLE_MAX) return reject('invalid', 'titleTooLong', { max: CASE_TITLE_MAX, length: title.length });
  const existing = selection.proposals.find((p) => p.author === actor);
  if (existing) {
    if (title === '') delete existing.title;
    else existing.title = title;
  } else {
    selection.proposals.push({ id: `m${selection.nextNo}`, author: actor, at: ctx.now, ...(title !== '' ? { title } : {}) });
    selection.nextNo += 1;
  }
  emit(ctx, { type: 'selection' });
  return undefined;
}

/** The author withdraws their case while it is being chosen; votes for it are gone with it. */
export function withdrawCase(ctx: Ctx, cmd: CommandOf<'withdraw-case'>): Verdict {
  const selection = open(ctx);
  if (isRefusal(selection)) return selection;
  const proposal = proposalOf(selection, cmd.proposalId);
  if (!proposal) return reject('stale', 'caseNotProposed');
  if (proposal.author !== ctx.actor) return reject('not-allowed', 'authorWithdraws');
  dropProposals(selection, (p) => p.id === proposal.id);
  emit(ctx, { type: 'selection' });
  return undefined;
}

/** After the choice, the author of a case not chosen lets it leave the session (the service carried it first, when asked). */
export function releaseCase(ctx: Ctx, cmd: CommandOf<'release-case'>): Verdict {
  const selection = ctx.s.selection;
  if (!selection?.chosen) return reject('invalid', 'caseBeingChosen');
  const proposal = proposalOf(selection, cmd.proposalId);
  if (!proposal) return reject('invalid', 'caseNotKept');
  if (proposal.author !== ctx.actor) return reject('not-allowed', 'authorDecides');
  if (proposal.id === selection.chosen.proposalId) return reject('invalid', 'caseTaken');
  dropProposals(selection, (p) => p.id === proposal.id);
  emit(ctx, { type: 'selection' });
  return undefined;
}

/** Removes cases (and the votes for them): withdrawn, released, or their author gone. */
export function dropProposals(selection: Selection, which: (p: CaseProposal) => boolean): void {
  const gone = new Set(selection.proposals.filter(which).map((p) => p.id));
  if (gone.size === 0) return;
  selection.proposals = selection.proposals.filter((p) => !gone.has(p.id));
  for (const [voter, id] of Object.entries(selection.votes)) if (gone.has(id)) delete selection.votes[voter];
}

/** Someone left the meeting: their case and their vote go too (a chosen case stays: its author is the presenter). */
export function forgetInSelection(ctx: Ctx, user: UserId): void {
  const selection = ctx.s.selection;
  if (!selection) return;
  const before = selection.proposals.length + Object.keys(selection.votes).length;
  dropProposals(selection, (p) => p.author === user && p.id !== selection.chosen?.proposalId);
  delete selection.votes[user];
  if (selection.proposals.length + Object.keys(selection.votes).length !== before) emit(ctx, { type: 'selection' });
}

/** The case is taken: its author presents, the others are told, and the format's first phase begins. */
function choose(ctx: Ctx, proposal: CaseProposal, by: 'vote' | 'pick'): Verdict {
  const { s } = ctx;
  const selection = s.selection;
  if (!selection) return reject('invalid', 'nothingToChoose');
  if (!s.members.includes(proposal.author) || !s.agreed.includes(proposal.author)) {
    return reject('invalid', 'authorGone', { author: person(proposal.author) });
  }
  const min = minMembersOf(ctx.format);
  const left = s.members.filter((m) => m !== proposal.author && s.agreed.includes(m)).length;
  if (left < min) {
    return reject('invalid', 'tooFewLeft', { author: person(proposal.author), count: left, min, member: role('member') });
  }
  s.presenter = proposal.author;
  s.members = s.members.filter((m) => m !== proposal.author);
  selection.chosen = { proposalId: proposal.id, author: proposal.author, by, at: ctx.now };
  selection.votes = {};
  s.status = 'running';
  emit(ctx, { type: 'selection' });
  for (const other of selection.proposals) {
    if (other.id !== proposal.id) emit(ctx, { type: 'dm', user: other.author, message: 'case-not-chosen' });
  }
  enterPhase(ctx, 0);
  return undefined;
}
