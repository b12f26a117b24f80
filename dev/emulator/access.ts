/**
 * Who may read a conversation, as Slack decides it: a private channel, a DM or
 * a group DM only its members; a public channel anyone in the workspace
 * (archived ones too: Slack keeps them browsable read-only). A deactivated
 * account reads nothing. Person and tests ask here.
 */
import type { EmuChannel } from './types';
import type { Workspace } from './workspace';

/** Whether only members may see the conversation (private channels, DMs, group DMs). */
export function membersOnly(channel: EmuChannel): boolean {
  return channel.is_private || channel.is_im || channel.is_mpim;
}

/**
 * Whether the conversation is open to `userId` by its memberships alone
 * (deactivation aside). Person draws a screen by this, so a test can still
 * look at a deactivated person's screen as it was.
 */
export function openTo(ws: Workspace, userId: string, channelKey: string): boolean {
  const channel = ws.channel(channelKey);
  if (!ws.users.has(userId) || !channel) return false;
  return membersOnly(channel) ? channel.members.includes(userId) : true;
}

/** Whether `userId` can read the conversation `channelKey` (an id, or a channel's name). */
export function canRead(ws: Workspace, userId: string, channelKey: string): boolean {
  return ws.users.get(userId)?.deleted === false && openTo(ws, userId, channelKey);
}

/** The people (not the bot, not deactivated) who can read the conversation, in the workspace's order. */
export function readers(ws: Workspace, channelKey: string): string[] {
  return [...ws.users.values()].filter((u) => !u.is_bot && canRead(ws, u.id, channelKey)).map((u) => u.id);
}
