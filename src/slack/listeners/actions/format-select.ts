import { newSessionModal } from '../../blocks';
import { ACTIONS, parseNewSessionMeta } from '../../ids';
import { type ListenerDeps, logFailure } from '../support/deps';
import { formSoFar } from '../support/form-so-far';
import type { ClickHandler } from '../support/guard';
import { ViewValues } from '../support/payloads';

/** The format menu of the new-session modal: a new format redraws the modal with its timeboxes, keeping what was filled in. */
export function formatSelect(deps: ListenerDeps): ClickHandler {
  return async (click, { client }) => {
    const meta = parseNewSessionMeta(click.view?.privateMetadata);
    if (!click.view || !meta) return;
    const registry = deps.formats;
    const format = click.value ? registry.get(click.value) : undefined;
    if (!format) return;
    const defaults = { ...formSoFar(new ViewValues(click.state), meta, click.user), formatId: format.id, placeChoice: deps.privateRooms };
    try {
      await client.views.update({
        view_id: click.view.id,
        ...(click.view.hash ? { hash: click.view.hash } : {}),
        view: newSessionModal(registry.list(), defaults),
      });
    } catch (error) {
      // A newer redraw won (hash_conflict) or the modal was closed meanwhile: nothing to do.
      logFailure(deps.logger, { listener: 'action', actionId: ACTIONS.formatSelect }, error);
    }
  };
}
