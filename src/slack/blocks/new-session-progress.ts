import { LIMITS, escapeText } from '../escape';
import { CALLBACKS } from '../ids';
import { type ModalView, context, plain, section } from './kit';

/**
 * What the new-session modal shows once its form is sent: "setting up" while
 * the bot looks up the people and the channel and stores the session (after
 * the form's answer, so Slack never waits on them), then "ready". Nothing on
 * them can be submitted.
 */

const TITLE = 'New intervision session';

function progressView(blocks: ModalView['blocks']): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.newSessionProgress,
    title: plain(TITLE, LIMITS.modalTitle),
    close: plain('Done', LIMITS.modalButton),
    blocks,
  };
}

/** Shown the moment the form is sent. */
export function settingUpView(): ModalView {
  return progressView([section('⏳ Setting up your session…', 'progress'), context(['You can close this window; the session card will appear in the channel.'])]);
}

/** Shown once the session is stored and its card is on its way. */
export function sessionReadyView(title: string, channel: string, room: boolean): ModalView {
  const where = room
    ? `in a private channel just for the participants, <#${channel}>. Each person is added once they confirm the agreement.`
    : `in <#${channel}>. The card there shows who has joined.`;
  return progressView([
    section(`✅ *${escapeText(title)}* is set up ${where}`, 'progress'),
    context(['The invitations are on their way by direct message.']),
  ]);
}
