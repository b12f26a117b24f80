import { translator, type Lang, type Translator } from '../../i18n';
import { LIMITS, escapeText } from '../escape';
import { CALLBACKS } from '../ids';
import { type ModalView, context, plain, section } from './kit';

/**
 * What the new-session modal shows once its form is sent: "setting up" while
 * the bot looks up the people and the channel and stores the session (after
 * the form's answer, so Slack never waits on them), then "ready". Nothing on
 * them can be submitted. In the language the form was filled in.
 */

function progressView(tr: Translator, blocks: ModalView['blocks']): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.newSessionProgress,
    title: plain(tr('form:modalTitle'), LIMITS.modalTitle),
    close: plain(tr('modals:done'), LIMITS.modalButton),
    blocks,
  };
}

/** Shown the moment the form is sent. */
export function settingUpView(lang: Lang): ModalView {
  const tr = translator(lang);
  return progressView(tr, [section(tr('form:progress.settingUp'), 'progress'), context([tr('form:progress.closeWindow')])]);
}

/** Shown once the session is stored and its card is on its way. */
export function sessionReadyView(lang: Lang, title: string, channel: string, room: boolean): ModalView {
  const tr = translator(lang);
  const where = { title: escapeText(title), channel: `<#${channel}>` };
  return progressView(tr, [
    section(tr(room ? 'form:progress.readyRoom' : 'form:progress.readyThread', where), 'progress'),
    context([tr('form:progress.invitations')]),
  ]);
}
