import { t } from '../../i18n';
import { LIMITS } from '../escape';
import { input } from './form-kit';
import { type Block, plain } from './kit';
import type { Translator } from './words';

/**
 * The channel picker of the new-session form, where it is opened without a
 * channel (from the App Home's "Start a session", or the shortcut "Start an
 * intervision"). `/intervision new` has none: its channel is where it was typed.
 */

/** Where the picked channel is in `view.state.values[block][action]`. */
export const CHANNEL_FIELD = { block: 'channel', action: 'channel' } as const;

/** The channel picker's problems in English (what the tests compare with; the form says them in its language). */
export const CHANNEL_PICKER = {
  label: t('en', 'form:channel.label'),
  missing: t('en', 'form:channel.missing'),
  notIn: t('en', 'form:channel.notIn'),
  notYours: t('en', 'form:channel.notYours'),
} as const;

/**
 * The picker: public and private channels only (no direct messages, no
 * channels shared with other organizations), with the channel picked so far,
 * or else the one the person is looking at, where Slack knows it.
 */
export function channelBlock(tr: Translator, channel: string | undefined): Block {
  return input(CHANNEL_FIELD.block, tr('form:channel.label'), {
    type: 'conversations_select',
    action_id: CHANNEL_FIELD.action,
    placeholder: plain(tr('form:channel.placeholder'), LIMITS.placeholder),
    filter: { include: ['public', 'private'], exclude_external_shared_channels: true, exclude_bot_users: true },
    ...(channel ? { initial_conversation: channel } : { default_to_current_conversation: true }),
  }, { hint: tr('form:channel.hint') });
}
