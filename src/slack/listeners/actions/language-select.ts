import { ACTIONS } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { redrawKeeping } from './mode-select';

/** The new-session modal's language: the form is drawn again in it, with everything filled in kept. */
export function languageSelect(deps: ListenerDeps): ClickHandler {
  return redrawKeeping(deps, ACTIONS.languageSelect);
}
