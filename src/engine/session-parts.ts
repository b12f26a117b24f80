/**
 * The parts of a session that change as it runs: inputs, rounds, the phase in
 * progress, and a group's meeting's case selection. Pure data (session.ts
 * re-exports them).
 */
type UserId = string;

/** One input a member gave in a rounds phase (a question, compliment, tip, observation). */
export interface Input {
  /** Unique in the session, e.g. "i12". */
  id: string;
  phaseId: string;
  round: number;
  author: UserId;
  text: string;
  at: number;
  editedAt?: number;
  /**
   * The presenter's answer, in answerable phases: without text where they
   * passed on it (answerPass); `spoken` on a call, `text` then its note ('' when none).
   */
  answer?: { text?: string; at: number; spoken?: true };
  /** Said aloud on a call: `text` is then the optional note ('' when none). */
  spoken?: true;
  /** Taken off the board by the facilitator, for one of the format's hideReasons: kept for its label, shown nowhere. */
  hidden?: { at: number; reason: string };
  /** The facilitator asked its author to clarify it; `text` is the author's one clarification. */
  clarification?: { askedAt: number; text?: string; at?: number };
}

/** What a member did in a round. "skipped" is the facilitator's skip; "timeout" is silence at the deadline. */
export type RoundMark = 'input' | 'pass' | 'skipped' | 'timeout';

/** What is kept of a closed round: who passed, was skipped, or stayed silent. */
export interface ClosedRound {
  number: number;
  pass?: UserId[];
  skipped?: UserId[];
  timeout?: UserId[];
}

export interface RoundState {
  /** 1-based round number within the phase. */
  number: number;
  /** The members taking part in this round, in turn order (late joiners wait for the next round). */
  order: UserId[];
  /** Live mode: index in `order` of the member who holds the turn. */
  turn: number;
  /** Who has had their turn in this round, and how. */
  marks: Record<UserId, RoundMark>;
  openedAt: number;
  /** Asynchronous mode: when the round closes by itself (silence counts as a pass). */
  deadline?: number;
  /** Reminder stages already sent for this round ("half", "lead"). */
  reminded: string[];
}

/** Transient state of the phase in progress. Results that outlive the phase live on the session. */
export interface CurrentPhase {
  id: string;
  startedAt: number;
  /** Live: end of the phase's timebox. Async: deadline of a presenter step. */
  deadline?: number;
  /** Rounds phases: the open round (absent once rounds are over and answers are pending). */
  round?: RoundState;
  /** Rounds phases: how many rounds have closed. */
  roundsClosed: number;
  /** Notices already given for this phase ("ending", "ended", "reminded"). */
  notices: string[];
}

/** A case a member brings to a group's meeting: its short title (not confidential) is optional. */
export interface CaseProposal {
  id: string;
  author: UserId;
  title?: string;
  at: number;
}

/**
 * Choosing whose case to take, in a meeting without a fixed presenter
 * (selection.ts): the cases proposed, the votes of the members who agreed,
 * and, once chosen, which case and how. Cases not chosen stay until their
 * authors carry them to the next meeting or let them go, or the close.
 */
export interface Selection {
  proposals: CaseProposal[];
  /** Voter -> the case they vote for (one each, changeable until the vote closes). */
  votes: Record<UserId, string>;
  /** Counter for cases proposed in the meeting itself ("m1", "m2" …). */
  nextNo: number;
  chosen?: { proposalId: string; author: UserId; by: 'vote' | 'pick'; at: number };
}

