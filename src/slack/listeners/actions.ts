import type { App } from '@slack/bolt';
import { registerCardActions } from './card-actions';
import { registerCircle } from './circle';
import { registerNewSessionModal } from './new-session';
import { registerPhaseButtons } from './phase-buttons';
import type { ListenerDeps } from './support/deps';

/**
 * Button clicks and menu choices (`app.action`): the card's buttons
 * (card-actions.ts), the phase prompt's and round board's (phase-buttons.ts)
 * and the new-session modal's format menu (new-session.ts). Each callback
 * acks at once, parses the payload and hands one command to the engine.
 */

/** Registers the block action listeners; with no session services, none. */
export function registerActions(app: App, deps?: ListenerDeps): void {
  if (!deps) return;
  registerCardActions(app, deps);
  registerCircle(app, deps);
  registerPhaseButtons(app, deps);
  registerNewSessionModal(app, deps);
}
