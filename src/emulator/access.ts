/**
 * Who may read a conversation, as Slack decides it: a private channel, a DM or
 * a group DM only its members; a public channel anyone in the workspace
 * (archived ones too: Slack keeps them browsable read-only). A deactivated
 * account reads nothing. Person, the playground and tests all ask here.
 */
import type { EmuChannel } from './types';
import type { Workspace } from './workspace';

/** Whether only members may see the conversation (private channels, DMs, group DMs). */
export function membersOnly(channel: EmuChannel): boolean {
  return channel.is_private || channel.is_im || channel.is_mpim;
}

/** Whether `userId` can read the conversation `channelKey` (an id, or a channel's name). */
export function canRead(ws: Workspace, userId: string, channelKey: string): boolean {
  const user = ws.users.get(userId);
  const channel = ws.channel(channelKey);
  if (!user || user.deleted || !channel) return false;
  return membersOnly(channel) ? channel.members.includes(userId) : true;
}

/** The people (not the bot, not deactivated) who can read the conversation, in the workspace's order. */
export function readers(ws: Workspace, channelKey: string): string[] {
  return [...ws.users.values()].filter((u) => !u.is_bot && canRead(ws, u.id, channelKey)).map((u) => u.id);
}
