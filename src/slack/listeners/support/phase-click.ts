import type { Phase } from '../../../engine/formats/schema';
import type { CommandBody, Session } from '../../../engine/session';
import { isPickBlock } from '../../blocks';
import { ACTIONS, type ActionRef } from '../../ids';
import type { ListenerDeps } from './deps';
import type { ClickTools } from './guard';
import { sessionFormat } from './speech';
import type { Click, StateValues } from './payloads';
import { phaseById } from '../../../engine/queries';

/**
 * What the buttons of a phase prompt and its round board share: the phase
 * a reference names, the pre-check
 * before a modal opens, and the items chosen in the pick menu.
 */

/** The phase a reference names, if the session's format has it. */
export function phaseOf(deps: ListenerDeps, session: Session, ref: ActionRef): Phase | undefined {
  return phaseById(sessionFormat(deps, session), ref.phaseId);
}

/** The options chosen in the pick menu of the clicked message (its block id carries the seq it was drawn at). */
export function pickedItems(state: StateValues): string[] {
  for (const [blockId, actions] of Object.entries(state)) {
    if (!isPickBlock(blockId)) continue;
    const chosen = actions[ACTIONS.pick]?.selected_options;
    if (chosen && chosen.length > 0) return chosen.map((o) => o.value);
  }
  return [];
}

/** Loads the session and checks, without committing, that the person may do `body`; undefined after telling them why not. */
export async function mayAct(deps: ListenerDeps, click: Click, tools: ClickTools, body: CommandBody) {
  const found = await tools.load();
  if (!found) return undefined;
  const refused = deps.services.precheck(found.session, click.user, found.ref.seq, body);
  if (refused) {
    await tools.refuse(refused);
    return undefined;
  }
  return found;
}
