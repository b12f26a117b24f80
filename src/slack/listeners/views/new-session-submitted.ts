import type { WebClient } from '@slack/web-api';
import { checkNewSession } from '../../../engine';
import { settingUpView } from '../../blocks/new-session-progress';
import { parseNewSessionMeta } from '../../ids';
import type { ListenerDeps } from '../support/deps';
import type { SubmitAnswer, SubmitHandler } from '../support/guard';
import type { Submission } from '../support/payloads';
import { translator } from '../../../i18n';
import { pickedChannel } from '../support/form-so-far';
import { personTr } from '../support/speech';
import { BLOCK_OF, F, add, checkRoles, problemText, readFilled, sessionParams } from './new-session-form';
import { setUpSession } from './new-session-setup';


/**
 * The new-session modal's submission. Every rule that needs no look-up is
 * checked before the answer, on the field it belongs to (Slack shows the
 * sentence under that field); then the modal says "Setting up…" at once and
 * the rest (people, channel, room, storing) runs after the answer, so a
 * burst of forms is answered in milliseconds (new-session-setup.ts).
 */

async function submitNewSession(deps: ListenerDeps, submission: Submission, client: WebClient): Promise<SubmitAnswer> {
  const meta = parseNewSessionMeta(submission.privateMetadata);
  if (!meta) return { [F.title.block]: (await personTr(deps, submission.user))('form:errors.outOfDate') };
  const errors: Record<string, string> = {};
  // Opened in a channel, the session runs there; opened with a picker, in the channel picked (checked after the answer, like any).
  const origin = meta.channel ?? pickedChannel(submission.values);
  const filled = readFilled(submission.values, submission, deps, errors);
  if (!origin) add(errors, F.channel.block, translator(filled.language)('form:channel.missing'));
  checkRoles(filled, errors);
  const { format, presenter } = filled;
  if (Object.keys(errors).length > 0 || !format || !presenter || !origin) return errors;
  const form = { ...filled, format, presenter };
  // The engine's own rules (e.g. how many members a session takes), on the form as sent.
  const problem = checkNewSession(sessionParams(deps, submission, form, origin, { channel: origin, openChannel: false }, 'UTC'), deps.formats);
  if (problem) return { [BLOCK_OF[problem.field]]: problemText(filled.language, problem) };
  const picked = meta.channel === undefined;
  return { update: settingUpView(filled.language), afterAck: () => setUpSession(deps, { submission, client, filled: form, origin, picked }) };
}

/** The new-session modal (commands/new.ts, or with a channel picker: the App Home and the shortcut): each rule on its field, then the session is created. */
export function newSessionSubmitted(deps: ListenerDeps): SubmitHandler {
  return (submission, { client }) => submitNewSession(deps, submission, client);
}
