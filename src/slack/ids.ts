import { z } from 'zod';

/**
 * The interaction contract between the renderers and the listeners: action
 * ids, modal callback ids, and the compact references carried in button
 * values and private_metadata. A reference only says what the person was
 * looking at (session, seq, phase, round, input); the listeners re-check
 * everything against the stored session and never trust it further.
 */

/** The slash command (manifest.yml declares it). */
export const COMMAND = '/intervision';

/** Action ids of every interactive element the bot draws (prefix "iv_"). */
export const ACTIONS = {
  join: 'iv_join',
  leave: 'iv_leave',
  start: 'iv_start',
  close: 'iv_close',
  /** Opens the input modal (ask a question, give a tip, ...). */
  input: 'iv_input',
  pass: 'iv_pass',
  /** The presenter answers one question (value names the input). */
  answer: 'iv_answer',
  /** The presenter passes on one question, where the phase allows it (value names the input). */
  answerPass: 'iv_answer-pass',
  /** The author opens the form for the clarification the facilitator asked for (value names the input). */
  clarify: 'iv_clarify',
  statementWrite: 'iv_statement-write',
  statementDone: 'iv_statement-done',
  agree: 'iv_agree',
  /** The presenter's multi_static_select; read from the message state on pick-submit. */
  pick: 'iv_pick',
  pickSubmit: 'iv_pick-submit',
  /** Opens the remark modal of a choice phase that asks for one. */
  remark: 'iv_remark',
  evaluate: 'iv_evaluate',
  nextPhase: 'iv_next-phase',
  skip: 'iv_skip',
  closeRound: 'iv_close-round',
  extend: 'iv_extend',
  pause: 'iv_pause',
  resume: 'iv_resume',
  /** The presenter's "Keep a private copy" toggle; the value's op is the state to switch to ("on"/"off"). */
  presenterCopy: 'iv_presenter-copy',
  /** Overflow on each input (Edit / Withdraw for its author, Ask to clarify / Hide for the facilitator); the option value's op says which. */
  inputMenu: 'iv_input-menu',
  listOpen: 'iv_list-open',
  /** The facilitator's "continue here" after the channel came back: posts the card and the current step again. */
  redraw: 'iv_redraw',
  /** The facilitator's "People" button before the start: opens the members modal. */
  people: 'iv_people',
  /** The format menu of the new-session modal; dispatches so the listener can redraw the timeboxes. */
  formatSelect: 'iv_format-select',
  /** "How you meet" in the new-session modal; dispatches so the listener shows the live or the asynchronous fields. */
  modeSelect: 'iv_mode-select',
  languageSelect: 'iv_language-select',
  /** On a call: the turn holder said their input aloud ("Done"); records it at once, without a note. */
  done: 'iv_done',
  /** On a call: the presenter answered a question aloud ("Answered"); the value names the input. */
  answered: 'iv_answered',
  /** On a call: opens the modal where the presenter writes their picks in their own words. */
  picksWrite: 'iv_picks-write',
  /** How a person hears that their live turn has begun: by direct message, or back to a note in the thread. */
  nudgesDm: 'iv_nudges-dm',
  nudgesThread: 'iv_nudges-thread',
  /** A group's card and view (value: a group reference, group-ids.ts). */
  groupJoin: 'iv_group-join',
  groupLeave: 'iv_group-leave',
  /** Shows the group to the clicker alone: its next meetings, what they may read of its cases, what it keeps. */
  groupMore: 'iv_group-more',
  /** "I bring a case" (opens the form with the optional title) and "Withdraw my case", in the view and the ask DM. */
  groupPropose: 'iv_group-propose',
  groupWithdraw: 'iv_group-withdraw',
  /** The overflow of a member's choices: away, skip, postpone, hand over, facilitate or not (the option's value says which). */
  groupMenu: 'iv_group-menu',
  /** The owner deletes the group (with Slack's confirm dialog). */
  groupDelete: 'iv_group-delete',
  /** Choosing a meeting's case (session reference, inputId = the case): vote, close the vote, pick, bring one, withdraw one. */
  caseVote: 'iv_case-vote',
  caseCloseVote: 'iv_case-close-vote',
  casePick: 'iv_case-pick',
  casePropose: 'iv_case-propose',
  caseWithdraw: 'iv_case-withdraw',
  /** The author of a case not chosen carries it to the group's next meeting, or lets it go (in their DM). */
  caseCarry: 'iv_case-carry',
  caseLetGo: 'iv_case-let-go',
  /** "Start a session" on the App Home: opens the new-session form with a channel picker. */
  homeStart: 'iv_home-start',
} as const;
export type ActionId = (typeof ACTIONS)[keyof typeof ACTIONS];

/** The global shortcut "Start an intervision" (manifest.yml declares it): opens the new-session form with a channel picker. */
export const SHORTCUT = 'iv_start-intervision';

/** Callback ids of the modals. */
export const CALLBACKS = {
  newSession: 'iv_new-session',
  /** What the new-session modal shows while the session is set up, and once it is (nothing to submit). */
  newSessionProgress: 'iv_new-session-progress',
  input: 'iv_input',
  edit: 'iv_edit',
  answer: 'iv_answer',
  statement: 'iv_statement',
  evaluate: 'iv_evaluate',
  /** Confirms the confidentiality agreement before joining. */
  join: 'iv_join',
  extend: 'iv_extend',
  remark: 'iv_remark',
  /** The facilitator confirms taking off the people who have not agreed (start, or past the agreement step). */
  takeOff: 'iv_take-off',
  /** The facilitator sets the members before the start. */
  people: 'iv_people',
  /** On a call: the presenter's picks in their own words (with the items chosen in the menu, and a remark). */
  picksNamed: 'iv_picks-named',
  /** The facilitator hides an input, with a reason. */
  hide: 'iv_hide',
  /** The author adds their one clarification. */
  clarify: 'iv_clarify',
  /** A new group (private_metadata: the channel, as the new-session modal's). */
  group: 'iv_group',
  /** What the group form shows while the group is set up, and once it is. */
  groupProgress: 'iv_group-progress',
  /** A member brings a case to the next meeting, with an optional title (private_metadata: group reference). */
  groupPropose: 'iv_group-propose',
  /** Away, skip, postpone, hand over: one form per choice (private_metadata: group reference with its op). */
  groupManage: 'iv_group-manage',
  /** A member brings a case in the meeting itself (private_metadata: session reference). */
  casePropose: 'iv_case-propose',
} as const;
export type CallbackId = (typeof CALLBACKS)[keyof typeof CALLBACKS];

/** Operations carried in `op`: what an overflow option or toggle asks for. */
const OPS = ['edit', 'withdraw', 'on', 'off', 'hide', 'ask'] as const;
export type Op = (typeof OPS)[number];

/** Which session, version and (optionally) phase, round and input a button or modal was drawn for. */
export interface ActionRef {
  sessionId: string;
  seq: number;
  phaseId?: string;
  round?: number;
  inputId?: string;
  op?: Op;
}

const SEP = '|';

/** Bounds that keep an overflow option value (session, seq, input, op) at most 74 characters (a UUID session id fits), under the 75 kept for option values. */
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/);
const seq = z.string().regex(/^\d{1,9}$/).transform(Number);
const phaseId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
const round = z.string().regex(/^\d{1,3}$/).transform(Number);
const inputId = z.string().regex(/^[A-Za-z0-9_-]{1,16}$/);
const op = z.enum(OPS);
const optional = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal('').transform(() => undefined), schema]).optional();

const Parts = z.tuple([
  sessionId,
  seq,
  optional(phaseId),
  optional(round),
  optional(inputId),
  optional(op),
]);

/**
 * Encodes a reference as "<sessionId>|<seq>|<phaseId>|<round>|<inputId>|<op>",
 * dropping empty trailing parts ("s1|7|tips|2"). Throws on a malformed
 * reference: that is a bug in the caller, never user input.
 */
export function encodeAction(ref: ActionRef): string {
  const parts = [
    ref.sessionId,
    String(ref.seq),
    ref.phaseId ?? '',
    ref.round === undefined ? '' : String(ref.round),
    ref.inputId ?? '',
    ref.op ?? '',
  ];
  while (parts.length > 2 && parts[parts.length - 1] === '') parts.pop();
  const value = parts.join(SEP);
  if (parseAction(value) === null) throw new Error('encodeAction: malformed reference');
  return value;
}

/** Parses a button value or private_metadata; null when it is not a reference we drew. */
export function parseAction(value: unknown): ActionRef | null {
  if (typeof value !== 'string' || value.length > 300) return null;
  const raw = value.split(SEP);
  if (raw.length < 2 || raw.length > 6) return null;
  while (raw.length < 6) raw.push('');
  const parsed = Parts.safeParse(raw);
  if (!parsed.success) return null;
  const [sid, version, phase, roundNo, input, operation] = parsed.data;
  const ref: ActionRef = { sessionId: sid, seq: version };
  if (phase !== undefined) ref.phaseId = phase;
  if (roundNo !== undefined) ref.round = roundNo;
  if (input !== undefined) ref.inputId = input;
  if (operation !== undefined) ref.op = operation;
  return ref;
}

/** The new-session modal's reference: the channel it was opened from, or none when the form has a channel picker. */
export interface NewSessionMeta {
  /** The channel `/intervision new` was typed in; undefined: the person picks one in the form (App Home, shortcut). */
  channel: string | undefined;
}

/** The picker's mark in private_metadata ("new|pick"). */
const PICK = 'pick';

/** The new-session modal carries only the channel it was opened from ("new|C123"), or that it has a picker ("new|pick"). */
export function encodeNewSessionMeta(channel: string | undefined): string {
  const value = `new${SEP}${channel ?? PICK}`;
  if (parseNewSessionMeta(value) === null) throw new Error('encodeNewSessionMeta: malformed channel id');
  return value;
}

const NewSessionMetaParts = z.tuple([z.literal('new'), z.union([z.string().regex(/^[CGD][A-Z0-9]{2,30}$/), z.literal(PICK)])]);

/** Parses the new-session modal's private_metadata; null when it is not ours. */
export function parseNewSessionMeta(value: unknown): NewSessionMeta | null {
  if (typeof value !== 'string' || value.length > 100) return null;
  const parsed = NewSessionMetaParts.safeParse(value.split(SEP));
  if (!parsed.success) return null;
  return { channel: parsed.data[1] === PICK ? undefined : parsed.data[1] };
}

const LIST_SEP = ';';

/** A reference and a list of ids in one private_metadata: "<reference>;<id>,<id>" (picks with a remark, people to take off). */
export function encodeRefWithList(ref: ActionRef, items: readonly string[]): string {
  return `${encodeAction(ref)}${LIST_SEP}${items.join(',')}`;
}

/** The reference and the list of such a private_metadata, the list checked by `list`; null when it is not ours. */
export function parseRefWithList(value: string | undefined, list: z.ZodType<string[]>): { ref: ActionRef; items: string[] } | null {
  if (value === undefined || value.length > 3000) return null;
  const at = value.indexOf(LIST_SEP);
  if (at < 0) return null;
  const ref = parseAction(value.slice(0, at));
  const parsed = list.safeParse(value.slice(at + 1).split(','));
  return ref && parsed.success ? { ref, items: parsed.data } : null;
}
