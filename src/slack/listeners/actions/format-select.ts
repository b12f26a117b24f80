import type { Mode } from '../../../engine/session';
import { type NewSessionDefaults, CHECKED, NEW_SESSION_FIELDS, newSessionModal } from '../../blocks';
import { ACTIONS, parseNewSessionMeta } from '../../ids';
import { type ListenerDeps, logFailure } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { ViewValues } from '../support/payloads';

const MODES: readonly Mode[] = ['live', 'async'];

/** What the person has filled in so far, to keep it when the modal is redrawn for another format. */
function filledDefaults(values: ViewValues, channel: string, opener: string): NewSessionDefaults {
  const F = NEW_SESSION_FIELDS;
  const mode = values.option(F.mode.block, F.mode.action);
  const presenter = values.user(F.presenter.block, F.presenter.action);
  const title = values.text(F.title.block, F.title.action);
  const window = values.integer(F.roundWindow.block, F.roundWindow.action);
  const place = values.option(F.place.block, F.place.action);
  return {
    ...(place === 'room' || place === 'thread' ? { place } : {}),
    channel,
    facilitator: values.user(F.facilitator.block, F.facilitator.action) ?? opener,
    members: values.users(F.members.block, F.members.action),
    workingDaysOnly: values.options(F.workingDays.block, F.workingDays.action).includes(CHECKED),
    ...(mode && (MODES as readonly string[]).includes(mode) ? { mode: mode as Mode } : {}),
    ...(presenter ? { presenter } : {}),
    ...(title ? { title } : {}),
    ...(window !== undefined && Number.isInteger(window) ? { roundWindowHours: window } : {}),
  };
}

/** The format menu of the new-session modal: a new format redraws the modal with its timeboxes, keeping what was filled in. */
export function formatSelect(deps: ListenerDeps): ClickHandler {
  return async (click, { client }) => {
    const meta = parseNewSessionMeta(click.view?.privateMetadata);
    if (!click.view || !meta) return;
    const registry = deps.formats;
    const format = click.value ? registry.get(click.value) : undefined;
    if (!format) return;
    const defaults = { ...filledDefaults(new ViewValues(click.state), meta.channel, click.user), formatId: format.id, placeChoice: deps.privateRooms };
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
