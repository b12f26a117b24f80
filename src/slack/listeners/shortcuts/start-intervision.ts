import type { WebClient } from '@slack/web-api';
import { newSessionModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';
import { personLanguageWithin } from '../support/speech';

/**
 * The new-session form with a channel picker, as the App Home's "Start a
 * session" and the global shortcut "Start an intervision" open it: the same
 * form as `/intervision new`, whose submission (views/new-session-submitted.ts)
 * reads the channel from the picker and checks it like any other. In the
 * person's language (known within a second, else DEFAULT_LANGUAGE: the
 * trigger_id is good for 3 s), which the form's Language select presets.
 */
export async function openPickerForm(deps: ListenerDeps, client: WebClient, triggerId: string, user: string): Promise<void> {
  const language = await personLanguageWithin(deps, user);
  const view = newSessionModal(deps.formats.list(), { pickChannel: true, facilitator: user, language, placeChoice: deps.privateRooms });
  await client.views.open({ trigger_id: triggerId, view });
}
