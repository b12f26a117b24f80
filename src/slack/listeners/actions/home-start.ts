import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';
import { openPickerForm } from '../shortcuts/start-intervision';

/** "Start a session" on the App Home: the new-session form, with a channel picker (there is no channel on the Home tab). */
export function homeStart(deps: ListenerDeps): ClickHandler {
  return async (click, { client }) => {
    if (click.triggerId) await openPickerForm(deps, client, click.triggerId, click.user);
  };
}
