import type { App } from '@slack/bolt';
import { ACTIONS } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { type ClickHandler, onClick } from '../support/guard';
import { agree } from './agree';
import { answer } from './answer';
import { answerPass } from './answer-pass';
import { answered } from './answered';
import { clarify } from './clarify';
import { close } from './close';
import { closeRound } from './close-round';
import { done } from './done';
import { evaluate } from './evaluate';
import { extend } from './extend';
import { caseCloseVote } from './case-close-vote';
import { casePick } from './case-pick';
import { casePropose } from './case-propose';
import { caseRelease } from './case-release';
import { caseVote } from './case-vote';
import { caseWithdraw } from './case-withdraw';
import { formatSelect } from './format-select';
import { groupDelete } from './group-delete';
import { groupJoin } from './group-join';
import { groupLeave } from './group-leave';
import { groupMenu } from './group-menu';
import { groupMore } from './group-more';
import { groupPropose } from './group-propose';
import { groupWithdraw } from './group-withdraw';
import { homeStart } from './home-start';
import { input } from './input';
import { inputMenu } from './input-menu';
import { join } from './join';
import { leave } from './leave';
import { listOpen } from './list-open';
import { nextPhase } from './next-phase';
import { modeSelect } from './mode-select';
import { languageSelect } from './language-select';
import { nudges } from './nudges';
import { pass } from './pass';
import { pause } from './pause';
import { people } from './people';
import { pick } from './pick';
import { pickSubmit } from './pick-submit';
import { picksWrite } from './picks-write';
import { presenterCopy } from './presenter-copy';
import { redraw } from './redraw';
import { remark } from './remark';
import { resume } from './resume';
import { skip } from './skip';
import { start } from './start';
import { statementDone } from './statement-done';
import { statementWrite } from './statement-write';

/**
 * Button clicks and menu choices (`app.action`), one file per action id.
 * Each callback acks at once (support/guard.ts), parses the payload and hands
 * one command to the engine; a button that opens a modal asks the engine first.
 */

const CLICKS: ReadonlyArray<readonly [actionId: string, listener: (deps: ListenerDeps) => ClickHandler]> = [
  // The session card, the channel's list and the channel-gone DM.
  [ACTIONS.join, join],
  [ACTIONS.leave, leave],
  [ACTIONS.pause, pause],
  [ACTIONS.resume, resume],
  [ACTIONS.close, close],
  [ACTIONS.presenterCopy, presenterCopy],
  [ACTIONS.redraw, redraw],
  [ACTIONS.listOpen, listOpen],
  // Who is in the circle.
  [ACTIONS.start, start],
  [ACTIONS.people, people],
  // A phase prompt's and round board's buttons that open a modal.
  [ACTIONS.input, input],
  [ACTIONS.answer, answer],
  [ACTIONS.statementWrite, statementWrite],
  [ACTIONS.evaluate, evaluate],
  [ACTIONS.extend, extend],
  [ACTIONS.remark, remark],
  [ACTIONS.picksWrite, picksWrite],
  [ACTIONS.inputMenu, inputMenu],
  [ACTIONS.clarify, clarify],
  // ... and those that record at once.
  [ACTIONS.pass, pass],
  [ACTIONS.done, done],
  [ACTIONS.answered, answered],
  [ACTIONS.answerPass, answerPass],
  [ACTIONS.statementDone, statementDone],
  [ACTIONS.agree, agree],
  [ACTIONS.pick, pick],
  [ACTIONS.pickSubmit, pickSubmit],
  [ACTIONS.nextPhase, nextPhase],
  [ACTIONS.skip, skip],
  [ACTIONS.closeRound, closeRound],
  // How a person hears that their turn has begun (the turn note in the thread, the turn DM).
  [ACTIONS.nudgesDm, nudges('dm')],
  [ACTIONS.nudgesThread, nudges('thread')],
  // The new-session modal's format menu, "How you meet" and the language.
  [ACTIONS.formatSelect, formatSelect],
  [ACTIONS.modeSelect, modeSelect],
  // A group's card, view and ask DM.
  [ACTIONS.groupJoin, groupJoin],
  [ACTIONS.groupLeave, groupLeave],
  [ACTIONS.groupMore, groupMore],
  [ACTIONS.groupPropose, groupPropose],
  [ACTIONS.groupWithdraw, groupWithdraw],
  [ACTIONS.groupMenu, groupMenu],
  [ACTIONS.groupDelete, groupDelete],
  // A group's meeting choosing its case, and the DM about a case not chosen.
  [ACTIONS.caseVote, caseVote],
  [ACTIONS.caseCloseVote, caseCloseVote],
  [ACTIONS.casePick, casePick],
  [ACTIONS.casePropose, casePropose],
  [ACTIONS.caseWithdraw, caseWithdraw],
  [ACTIONS.caseCarry, caseRelease(true)],
  [ACTIONS.caseLetGo, caseRelease(false)],
  [ACTIONS.languageSelect, languageSelect],
  // The App Home's "Start a session".
  [ACTIONS.homeStart, homeStart],
];

/** Registers the block action listeners; with no session services, none. */
export function registerActions(app: App, deps?: ListenerDeps): void {
  if (!deps) return;
  for (const [actionId, listener] of CLICKS) onClick(app, deps, actionId, listener(deps));
}
