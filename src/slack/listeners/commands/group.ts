import { localDateOf } from '../../../engine/groups/zoned-time';
import { groupModal } from '../../blocks/group-modal';
import type { ListenerDeps } from '../support/deps';
import { groupViewOf } from '../support/group-view';
import { translator } from '../../../i18n';
import { channelInfo, placeText } from '../support/place';
import { type SubcommandHandler, subcommand } from '../support/subcommand';
import { timeZoneOr } from '../views/new-session-form';

/**
 * `/intervision group`: in a channel with a group, the group as the person
 * may see it (only to them), with what it keeps in plain words; in a channel
 * without one, the form that creates it (views/group-submitted.ts).
 */
export function groupSubcommand(deps: ListenerDeps): SubcommandHandler {
  return subcommand(deps, 'group', async (command, args) => {
    const groups = deps.groups;
    const info = await channelInfo(args.client, command.channel_id);
    if (info.place !== 'ok' || !groups) {
      await args.respond({ response_type: 'ephemeral', text: info.place !== 'ok' ? placeText(translator('en'), info.place) : 'Groups are not available here.' });
      return;
    }
    const id = await groups.inChannel(command.channel_id);
    const view = id ? await groups.view(id, command.user_id) : null;
    if (view) {
      const message = groupViewOf(deps, view, command.user_id);
      await args.respond({ response_type: 'ephemeral', text: message.text, blocks: message.blocks });
      return;
    }
    if (!command.trigger_id) return;
    const zone = timeZoneOr((await deps.users.info(command.user_id).catch(() => null))?.tz);
    const form = groupModal(deps.formats.list(), { channel: command.channel_id, creator: command.user_id, zone, today: localDateOf(deps.clock.now(), zone) });
    await args.client.views.open({ trigger_id: command.trigger_id, view: form });
  });
}
