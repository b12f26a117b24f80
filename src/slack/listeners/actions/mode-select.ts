import { CHECKED, NEW_SESSION_FIELDS, newSessionModal } from '../../blocks';
import { ACTIONS, parseNewSessionMeta } from '../../ids';
import { type ListenerDeps, logFailure } from '../support/deps';
import { formSoFar, timeboxesSoFar } from '../support/form-so-far';
import type { ClickHandler } from '../support/guard';
import { ViewValues } from '../support/payloads';

/**
 * Redraws the new-session modal as it is filled in now, keeping everything:
 * for "How you meet" (the fields of the chosen way: live, in writing or on a
 * call, timeboxes; asynchronous, the round window and working days), and for
 * the language (the whole form in the chosen language, actions/language-select.ts).
 */
export function redrawKeeping(deps: ListenerDeps, actionId: string): ClickHandler {
  return async (click, { client }) => {
    const meta = parseNewSessionMeta(click.view?.privateMetadata);
    if (!click.view || !meta) return;
    const F = NEW_SESSION_FIELDS;
    const values = new ViewValues(click.state);
    const format = deps.formats.get(values.option(F.format.block, F.format.action) ?? '') ?? deps.formats.list()[0];
    if (!format) return;
    const defaults = {
      ...formSoFar(values, meta, click.user),
      formatId: format.id,
      facilitatorIsMember: values.options(F.facilitatorIsMember.block, F.facilitatorIsMember.action).includes(CHECKED),
      timeboxMinutes: timeboxesSoFar(values, format),
      placeChoice: deps.privateRooms,
    };
    try {
      await client.views.update({ view_id: click.view.id, ...(click.view.hash ? { hash: click.view.hash } : {}), view: newSessionModal(deps.formats.list(), defaults) });
    } catch (error) {
      // A newer redraw won (hash_conflict) or the modal was closed meanwhile: nothing to do.
      logFailure(deps.logger, { listener: 'action', actionId }, error);
    }
  };
}

/** "How you meet" in the new-session modal. */
export function modeSelect(deps: ListenerDeps): ClickHandler {
  return redrawKeeping(deps, ACTIONS.modeSelect);
}
