import { LIMITS } from '../escape';
import { input } from './form-kit';
import { type Block, plain } from './kit';

/**
 * The channel picker of the new-session form, where it is opened without a
 * channel (from the App Home's "Start a session", or the shortcut "Start an
 * intervision"). `/intervision new` has none: its channel is where it was typed.
 */

/** Where the picked channel is in `view.state.values[block][action]`. */
export const CHANNEL_FIELD = { block: 'channel', action: 'channel' } as const;

/** The words of the channel picker and of its problems. */
export const CHANNEL_PICKER = {
  label: 'Channel',
  placeholder: 'Where the group meets',
  hint: 'The session card is posted there (with a private channel, only a pointer to it). I must be a member: invite me with /invite @Intervision first.',
  missing: 'Please choose the channel the session runs in.',
  notIn: "I'm not a member of that channel yet, so I can't run a session there. Invite me with `/invite @Intervision` in that channel (or pick another one), then press Create again.",
  notYours: "You can only start a session in a channel you're in. Please pick one of your channels.",
} as const;

/**
 * The picker: public and private channels only (no direct messages, no
 * channels shared with other organizations), with the channel picked so far,
 * or else the one the person is looking at, where Slack knows it.
 */
export function channelBlock(channel: string | undefined): Block {
  return input(CHANNEL_FIELD.block, CHANNEL_PICKER.label, {
    type: 'conversations_select',
    action_id: CHANNEL_FIELD.action,
    placeholder: plain(CHANNEL_PICKER.placeholder, LIMITS.placeholder),
    filter: { include: ['public', 'private'], exclude_external_shared_channels: true, exclude_bot_users: true },
    ...(channel ? { initial_conversation: channel } : { default_to_current_conversation: true }),
  }, { hint: CHANNEL_PICKER.hint });
}
