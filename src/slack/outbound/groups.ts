import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { Clock } from '../../clock';
import type { FormatRegistry } from '../../engine/formats';
import { occurrenceOf } from '../../engine/groups/cadence';
import type { Group } from '../../engine/groups/group';
import { nextFacilitator } from '../../engine/groups/queries';
import type { UserId } from '../../engine/session';
import type { GroupOutbound, MeetingPlace } from '../../service/groups/ports';
import type { GroupStore } from '../../store/group-store';
import { renderGroupCard } from '../blocks/group-card';
import { askDm, reminderMessage } from '../blocks/group-messages';
import type { WorkspaceAccess } from '../install/workspace-access';
import { channelInfo, othersCanRead } from '../listeners/support/place';
import { classifySlackError, describeError } from '../slack-errors';
import { INTENT_PREFIX } from './earlier-post';
import { SessionPosts } from './posts';

export interface SlackGroupDeps {
  store: GroupStore;
  access: WorkspaceAccess;
  registry: FormatRegistry;
  clock: Clock;
  logger: Logger;
}

/**
 * The group service's port in Slack: the group's card in its channel, the
 * asks by direct message, the reminder, and deleting them. Every post is
 * recorded under a stable key in the group's record (card, ask:<slot>:<user>,
 * remind:<slot>), so a repeat updates or skips instead of posting twice, and
 * deleting the group finds everything it posted.
 */
export class SlackGroupOutbound implements GroupOutbound {
  constructor(private readonly deps: SlackGroupDeps) {}

  private async posts(group: Group): Promise<{ posts: SessionPosts; client: WebClient }> {
    const client = await this.deps.access.client(group.team);
    return { client, posts: await SessionPosts.open(this.deps.store, client, group.id, this.deps.access.updates(group.team)) };
  }

  async card(group: Group): Promise<void> {
    const { posts } = await this.posts(group);
    const format = this.deps.registry.get(group.settings.formatId);
    await posts.upsert('card', group.channel, undefined, renderGroupCard(group, format?.name ?? group.settings.formatId, this.deps.clock.now()));
  }

  async ask(group: Group, slot: string, users: readonly UserId[]): Promise<void> {
    const at = occurrenceOf(group.cadence, slot)?.at;
    if (at === undefined) return;
    const { posts, client } = await this.posts(group);
    for (const user of users) {
      try {
        const opened = await client.conversations.open({ users: user });
        if (opened.channel?.id) await posts.postOnce(`ask:${slot}:${user}`, opened.channel.id, undefined, askDm(group, at));
      } catch (error) {
        // Someone who left the workspace cannot be asked; the others still are.
        if (classifySlackError(error) !== 'user-gone') throw error;
        this.deps.logger.info({ groupId: group.id, error: describeError(error) }, 'a member could not be asked for a case');
      }
    }
  }

  async remind(group: Group, slot: string): Promise<void> {
    const at = occurrenceOf(group.cadence, slot)?.at;
    if (at === undefined) return;
    const { posts } = await this.posts(group);
    await posts.postOnce(`remind:${slot}`, group.channel, undefined, reminderMessage(group, at, nextFacilitator(group, this.deps.clock.now()), group.proposals.length));
  }

  async tidy(group: Group, slot: string): Promise<void> {
    await this.remove(group, (key) => key.startsWith(`ask:${slot}:`) || key === `remind:${slot}`);
  }

  async erase(group: Group): Promise<void> {
    await this.remove(group, () => true);
  }

  /** Deletes the recorded messages whose key `which` names, forgetting each; throws when one could not be deleted (try again). */
  private async remove(group: Group, which: (key: string) => boolean): Promise<void> {
    const client = await this.deps.access.client(group.team);
    let failed = 0;
    for (const [recorded, ref] of Object.entries(await this.deps.store.messages(group.id))) {
      const key = recorded.startsWith(INTENT_PREFIX) ? recorded.slice(INTENT_PREFIX.length) : recorded;
      if (!which(key)) continue;
      if (recorded !== key || (await this.deleted(client, ref.channel, ref.ts))) await this.deps.store.forgetMessage(group.id, recorded);
      else failed += 1;
    }
    if (failed > 0) throw new Error(`${failed} message(s) of the group could not be deleted yet`);
  }

  private async deleted(client: WebClient, channel: string, ts: string): Promise<boolean> {
    try {
      await client.chat.delete({ channel, ts });
      return true;
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure === 'message-gone' || failure === 'channel-gone') return true;
      this.deps.logger.warn({ error: describeError(error) }, "a group's message could not be deleted");
      return false;
    }
  }

  async meetingPlace(group: Group, people: readonly UserId[]): Promise<MeetingPlace | 'gone'> {
    const client = await this.deps.access.client(group.team);
    const info = await channelInfo(client, group.channel);
    if (info.place !== 'ok') return 'gone';
    const bot = (await this.deps.access.botUserId(group.team)) ?? '';
    return { channel: group.channel, openChannel: await othersCanRead(client, group.channel, info, people, bot) };
  }
}
