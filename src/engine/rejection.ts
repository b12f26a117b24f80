/** Why the engine turns a command down, by kind: the shell decides by the code (session.ts re-exports these; a person is a Slack user id). */
export type RejectionCode =
  | 'not-participant'
  | 'not-your-turn'
  | 'not-allowed'
  | 'stale'
  | 'invalid'
  | 'closed'
  | 'paused'
  | 'not-started'
  | 'already-started'
  /** The person has not confirmed the confidentiality agreement: the UI offers it. */
  | 'not-agreed'
  /** The facilitator must first confirm taking the named people off (`people`). */
  | 'needs-confirmation';

/** Why a command was turned down: the shell decides by `code`, and only shows `reason`, never reads it. */
export interface Rejection {
  ok: false;
  code: RejectionCode;
  /** A sentence a person can read ("It's <@U1>'s turn."). */
  reason: string;
  /** 'needs-confirmation': the people the confirmation names. */
  people?: string[];
}
