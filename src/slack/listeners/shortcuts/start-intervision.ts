import type { WebClient } from '@slack/web-api';
import { newSessionModal } from '../../blocks';
import type { ListenerDeps } from '../support/deps';

/**
 * The new-session form with a channel picker, as the App Home's "Start a
 * session" and the global shortcut "Start an intervision" open it: the same
 * form as `/intervision new`, whose submission (views/new-session-submitted.ts)
 * reads the channel from the picker and checks it like any other.
 */
export async function openPickerForm(deps: ListenerDeps, client: WebClient, triggerId: string, user: string): Promise<void> {
  const view = newSessionModal(deps.formats.list(), { pickChannel: true, facilitator: user, placeChoice: deps.privateRooms });
  await client.views.open({ trigger_id: triggerId, view });
}
