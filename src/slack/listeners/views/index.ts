import type { App } from '@slack/bolt';
import { CALLBACKS } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import { type SubmitHandler, onSubmit } from '../support/guard';
import { evaluationSubmitted } from './evaluation-submitted';
import { extendSubmitted } from './extend-submitted';
import { caseProposeSubmitted } from './case-propose-submitted';
import { groupManageSubmitted } from './group-manage-submitted';
import { groupProposeSubmitted } from './group-propose-submitted';
import { groupSubmitted } from './group-submitted';
import { hideSubmitted } from './hide-submitted';
import { joinSubmitted } from './join-submitted';
import { newSessionSubmitted } from './new-session-submitted';
import { peopleSubmitted } from './people-submitted';
import { picksNamedSubmitted } from './picks-named-submitted';
import { remarkSubmitted } from './remark-submitted';
import { takeOffSubmitted } from './take-off-submitted';
import { TEXT_SUBMISSIONS, textSubmitted } from './text-submitted';

/**
 * Modal submissions (`app.view`): where people write their case, inputs,
 * answers, evaluations and remarks, so the bot posts (and later deletes) all
 * of it. Each is decided before the ack (support/guard.ts), so a refusal
 * ("It's Bob's turn") appears in the modal, on its field, and nothing is lost.
 */

const SUBMISSIONS: ReadonlyArray<readonly [callbackId: string, listener: (deps: ListenerDeps) => SubmitHandler]> = [
  [CALLBACKS.newSession, newSessionSubmitted],
  ...TEXT_SUBMISSIONS.map(({ callbackId, command }) => [callbackId, textSubmitted(command)] as const),
  [CALLBACKS.evaluate, evaluationSubmitted],
  [CALLBACKS.join, joinSubmitted],
  [CALLBACKS.extend, extendSubmitted],
  [CALLBACKS.remark, remarkSubmitted],
  [CALLBACKS.picksNamed, picksNamedSubmitted],
  [CALLBACKS.people, peopleSubmitted],
  [CALLBACKS.takeOff, takeOffSubmitted],
  [CALLBACKS.hide, hideSubmitted],
  [CALLBACKS.group, groupSubmitted],
  [CALLBACKS.groupPropose, groupProposeSubmitted],
  [CALLBACKS.groupManage, groupManageSubmitted],
  [CALLBACKS.casePropose, caseProposeSubmitted],
];

/** Registers the modal submission listeners; with no session services, none. */
export function registerViews(app: App, deps?: ListenerDeps): void {
  if (!deps) return;
  for (const [callbackId, listener] of SUBMISSIONS) onSubmit(app, deps, callbackId, listener(deps));
}
