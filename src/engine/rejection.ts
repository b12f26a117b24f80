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

/** What only the facilitator may do: the ending of "Only the facilitator can …", by command. */
export type FacilitatorAction =
  | 'start'
  | 'nextPhase'
  | 'skip'
  | 'remove'
  | 'setMembers'
  | 'extend'
  | 'closeRound'
  | 'pause'
  | 'resume'
  | 'close'
  | 'hide'
  | 'askClarification'
  | 'closeVote'
  | 'pickCase';

/** What only the presenter may do. */
export type PresenterAction = 'answer' | 'statement' | 'pick' | 'presenterCopy';

/**
 * Which sentence a refusal is: a key of the shell's `refusals` catalog, which
 * words it in the session's language. The engine keeps codes, keys and
 * numbers only; every word a person reads is the shell's (or the format's).
 */
export type RefusalKey =
  | `onlyFacilitator.${FacilitatorAction}`
  | `onlyPresenter.${PresenterAction}`
  | 'schedulerOnly'
  | 'systemOnly'
  | 'joinFirst'
  | 'participantsOnly'
  | 'agreeFirst'
  | 'closed'
  | 'paused'
  | 'notStarted'
  | 'ended'
  | 'outOfDate'
  | 'movedOn'
  | 'notDue'
  | 'idleStage'
  | 'presenterListens'
  | 'facilitatorGuides'
  | 'joinedDuringRound'
  | 'hadTurn'
  | 'othersTurn'
  | 'inputGone'
  | 'authorOnly'
  | 'hiddenNoChange'
  | 'clarifyingNoWithdraw'
  | 'roundClosed'
  | 'noLongerTurn'
  | 'noTurnWaiting'
  | 'empty'
  | 'tooLong'
  | 'alreadyIn'
  | 'startedNoJoin'
  | 'full'
  | 'presenterCannotLeave'
  | 'facilitatorCloses'
  | 'notAMember'
  | 'cannotRemoveSelf'
  | 'notMemberOf'
  | 'slackOnly'
  | 'notInSession'
  | 'alreadyAgreed'
  | 'membersFixed'
  | 'tooManyMembers'
  | 'sameMembers'
  | 'presenterNotAgreed'
  | 'tooFewReady'
  | 'startWithout'
  | 'goOnWithout'
  | 'questionGone'
  | 'hiddenNoAnswer'
  | 'seeWhenClosed'
  | 'answerRequired'
  | 'alreadyPassedOn'
  | 'alreadyAnswered'
  | 'inWriting'
  | 'pickOnce'
  | 'choiceUnavailable'
  | 'nothingNoted'
  | 'pickExactly'
  | 'pickBetween'
  | 'fromList'
  | 'noRemark'
  | 'alreadyHidden'
  | 'alreadyPicked'
  | 'chooseReason'
  | 'ownInput'
  | 'noLongerTakesPart'
  | 'alreadyAsked'
  | 'clarifyOwn'
  | 'hiddenNoClarify'
  | 'notAsked'
  | 'alreadyClarified'
  | 'alreadyByDm'
  | 'alreadyInThread'
  | 'alreadyStarted'
  | 'extendRange'
  | 'noTimeLimit'
  | 'notRunning'
  | 'notPaused'
  | 'systemCloses'
  | 'facilitatorNoEvaluation'
  | 'presenterFirst'
  | 'presenterNotChosen'
  | 'choosingCase'
  | 'caseChosen'
  | 'membersVote'
  | 'caseNotProposed'
  | 'alreadyVoted'
  | 'noCaseProposed'
  | 'voteTied'
  | 'facilitatorNoCase'
  | 'membersBringCases'
  | 'titleTooLong'
  | 'authorWithdraws'
  | 'caseBeingChosen'
  | 'caseNotKept'
  | 'authorDecides'
  | 'caseTaken'
  | 'nothingToChoose'
  | 'authorGone'
  | 'tooFewLeft';

/** A role of the format, by name: the shell words it in the format's own words and the session's language. */
export type RoleName = 'presenter' | 'facilitator' | 'member';

/** The words of a rounds phase's input, by phase id (and the option chosen in its `inputFrom`, when that names the input). */
export interface InputRef {
  input: string;
  option?: string;
}

/** A text a person writes, by what it is: the subject of "… is empty" when it is not an input. */
export type OwnText = 'answer' | 'note' | 'clarification' | 'text' | 'named' | 'remark';

/**
 * What a refusal's sentence names, as data: a number, a person, a list of
 * people, one of the format's words (a role, with the person who holds it
 * when `user` is given; the words of a rounds phase's input, after the option
 * chosen in its `inputFrom`; what a choice phase's fixed options are called (its `noun`); a
 * statement phase's write label, by phase id), or a kind of text a person writes.
 */
export type RefusalParam =
  | number
  | { user: string }
  | { users: string[] }
  | { role: RoleName; user?: string }
  | InputRef
  | { pick: string }
  | { textLabel: string }
  | { own: OwnText };

export type RefusalParams = Record<string, RefusalParam>;

/** Why a command was turned down: the shell decides by `code`, and shows the sentence `key` names, with `params`. */
export interface Rejection {
  ok: false;
  code: RejectionCode;
  /** Which sentence a person reads ("othersTurn": "It's <@U1>'s turn."), in the shell's `refusals` catalog. */
  key: RefusalKey;
  /** What the sentence names (ids, numbers, the format's words by reference). */
  params?: RefusalParams;
  /** 'needs-confirmation': the people the confirmation names. */
  people?: string[];
}
