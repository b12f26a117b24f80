import type { WebClient } from '@slack/web-api';
import { checkNewSession, newSession } from '../../../engine';
import type { Format } from '../../../engine/formats/schema';
import type { UserId } from '../../../engine/session';
import { newSessionModal } from '../../blocks';
import { sessionReadyView } from '../../blocks/new-session-progress';
import { type ListenerDeps, failureText, logFailure } from '../support/deps';
import type { Submission } from '../support/payloads';
import { type ChannelInfo, channelInfo, isChannelMember, othersCanRead, readersSentence } from '../support/place';
import { t, translator, type Translator } from '../../../i18n';
import { abandonRoom, createRoom } from '../support/room';
import { slackErrorCode } from '../../slack-errors';
import { BLOCK_OF, F, type Filled, checkPeople, formAgain, problemText, sessionParams, timeZoneOr } from './new-session-form';

/**
 * The new-session form's second half, run after Slack has its answer (the
 * modal then says "Setting up…"): the people and the channel are looked up,
 * the private room is made, the session stored. The modal is then redrawn:
 * "ready", or the form again with each problem under its field.
 */

/** Refused when the modal's channel is not one the bot and the person submitting share (in English; said in the form's language). */
export const NOT_HERE_TEXT = t('en', 'form:errors.notHere');

/**
 * The channel comes back in private_metadata, which the client could have
 * changed: check again that the bot can run a session there and that the
 * person is in it, so nobody posts a session into a channel they are not in.
 */
async function checkChannel(client: WebClient, channel: string, user: string): Promise<{ problem: ChannelProblem } | { info: ChannelInfo }> {
  // Both asked at once: Slack gives three seconds for the whole submission.
  const member = settledLater(isChannelMember(client, channel, user));
  const info = await channelInfo(client, channel);
  if (info.place !== 'ok') return { problem: 'botNotIn' };
  return (await member) ? { info } : { problem: 'notHere' };
}

/** What is wrong with the session's channel: the bot is not in it, or the person is not. */
type ChannelProblem = 'botNotIn' | 'notHere';

/** A look-up started early whose answer may not be needed: its failure surfaces only where it is awaited. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}


/**
 * Where the session will be: a private room made for it now (only once the
 * form is otherwise valid, so no room is made for nothing), or the channel
 * itself, noting whether people outside the session can read it.
 */
async function prepareRoom(
  deps: ListenerDeps,
  client: WebClient,
  filled: Filled,
  channel: string,
  info: ChannelInfo,
  people: readonly UserId[],
): Promise<{ channel: string; openChannel: boolean } | { error: string }> {
  if (filled.place === 'thread') return { channel, openChannel: await othersCanRead(client, channel, info, people, deps.botUserId) };
  const room = await createRoom(client);
  if (room.ok) return { channel: room.channel, openChannel: false };
  const tr = translator(filled.language);
  // Refused when the workspace does not let the bot create channels.
  if (room.reason === 'not-allowed') return { error: tr(deps.privateRooms === 'required' ? 'form:errors.roomRequired' : 'form:errors.roomNotAllowed') };
  return { error: tr('form:errors.roomFailed') };
}


/** A form whose every own rule holds: a format and a presenter chosen. */
export type CheckedForm = Filled & { format: Format; presenter: UserId };

/** Where the form came from and how to redraw it. */
interface Sent {
  submission: Submission;
  client: WebClient;
  filled: CheckedForm;
  origin: string;
  /** The channel was picked in the form (App Home, shortcut): its problems go under the picker. */
  picked?: boolean;
}

/** Where a problem with the channel is shown, and in which words: under the picker when there is one. */
function channelProblem(tr: Translator, sent: Sent, problem: ChannelProblem): Record<string, string> {
  if (!sent.picked) return { [F.title.block]: tr(problem === 'notHere' ? 'form:errors.notHere' : 'replies:place.invite') };
  return { [F.channel.block]: tr(problem === 'notHere' ? 'form:channel.notYours' : 'form:channel.notIn') };
}

/** Looks up, makes the room and stores the session; the problems by block id, or undefined once the card is on its way. */
async function create(deps: ListenerDeps, sent: Sent, readers: { text?: string }): Promise<Record<string, string> | undefined> {
  const { submission, client, filled, origin } = sent;
  const everyone = [filled.facilitator, ...filled.members, filled.presenter];
  // The channel and the people are looked up at the same time.
  const tr = translator(filled.language);
  const channelChecked = settledLater(checkChannel(client, origin, submission.user));
  const people = await deps.users.many(everyone);
  const errors: Record<string, string> = {};
  checkPeople(filled, people, errors);
  if (Object.keys(errors).length > 0) return errors;
  const checked = await channelChecked;
  if ('problem' in checked) return channelProblem(tr, sent, checked.problem);
  const sentence = readersSentence(tr, checked.info);
  if (sentence) readers.text = sentence;
  const where = await prepareRoom(deps, client, filled, origin, checked.info, everyone);
  if ('error' in where) return { [deps.privateRooms === 'offered' ? F.place.block : F.title.block]: where.error };
  const params = sessionParams(deps, submission, filled, origin, where, timeZoneOr(people.get(filled.presenter)?.tz));
  const problem = checkNewSession(params, deps.formats);
  const created = problem ? undefined : newSession(params, deps.clock.now(), deps.formats);
  if (!created || !(await deps.services.create(created.session, created.effects))) {
    if (params.room) await abandonRoom(client, params.channel);
    return problem ? { [BLOCK_OF[problem.field]]: problemText(filled.language, problem) } : { [F.title.block]: tr('form:errors.createFailed') };
  }
  const { session } = created;
  deps.logger.info({ sessionId: session.id, formatId: filled.format.id, mode: filled.mode, members: session.members.length, room: Boolean(session.room) }, 'session created');
  await showInModal(deps, sent, sessionReadyView(filled.language, filled.title, session.channel, Boolean(session.room)));
  return undefined;
}

/** Redraws the modal; false when it could not be (the person closed it, or Slack failed). */
async function showInModal(deps: ListenerDeps, sent: Sent, view: Parameters<WebClient['views']['update']>[0]['view']): Promise<boolean> {
  try {
    await sent.client.views.update({ view_id: sent.submission.viewId, view });
    return true;
  } catch (error) {
    // The person closed it meanwhile, as the "Setting up…" view invites them to: nothing went wrong.
    if (slackErrorCode(error) === 'not_found') deps.logger.info({ listener: 'view', callbackId: sent.submission.callbackId }, 'the new-session modal was closed before its set-up was shown');
    else logFailure(deps.logger, { listener: 'view', callbackId: sent.submission.callbackId, step: 'redraw' }, error);
    return false;
  }
}

/**
 * Tells the person what stopped the session: in the form when it is still
 * open, else privately in the channel. A form with a picker does not say who
 * can read the channel: the person may pick another before sending it again.
 */
async function showProblems(deps: ListenerDeps, sent: Sent, problems: Record<string, string>, readers: string | undefined): Promise<void> {
  const form = newSessionModal(deps.formats.list(), formAgain(sent.filled, sent.origin, deps, { problems, ...(sent.picked ? { pickChannel: true } : readers ? { readers } : {}) }));
  if (await showInModal(deps, sent, form)) return;
  const text = translator(sent.filled.language)('form:errors.notSetUp', { title: sent.filled.title, problems: Object.values(problems).join(' ') });
  await sent.client.chat.postEphemeral({ channel: sent.origin, user: sent.submission.user, text }).catch(() => undefined);
}

/** The second half of a new-session submission; never throws (a failure is shown in the form). */
export async function setUpSession(deps: ListenerDeps, sent: Sent): Promise<void> {
  const readers: { text?: string } = {};
  let problems: Record<string, string> | undefined;
  try {
    problems = await create(deps, sent, readers);
  } catch (error) {
    logFailure(deps.logger, { listener: 'view', callbackId: sent.submission.callbackId }, error);
    problems = { [F.title.block]: failureText(translator(sent.filled.language), error) };
  }
  if (problems) await showProblems(deps, sent, problems, readers.text);
}
