import type { App, BlockAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { CommandBody, Language, Session } from '../../../engine/session';
import { languageOf } from '../../../engine/queries';
import { t, translator, type Key, type Params, type Translator } from '../../../i18n';
import { type Block, type ModalView, agreementOffer } from '../../blocks';
import type { ActionRef } from '../../ids';
import type { DispatchResult, SessionRefusal } from '../../../service/dispatch';
import { type ListenerDeps, failureText, logFailure } from './deps';
import { type SubmitAck, type SubmitAnswer, afterAckOf, sayInModal, visibleAck } from './modal-answer';
import { type Click, type Submission, inputBlocksOf, parseClick, parseSubmission } from './payloads';
import { personLanguage, personTr, refusalFor } from './speech';

/**
 * Registration helpers that give every listener the same discipline: ack
 * first (clicks) or within milliseconds (modal submissions), parse the
 * payload, and never let an exception escape: it is logged with ids only and
 * the person is told something kind.
 */

/** What a click handler can do besides dispatching. */
export interface ClickTools {
  /** An ephemeral answer only the clicker sees, beside the message they clicked (with buttons, when given). */
  reply(text: string, blocks?: Block[]): Promise<void>;
  /** Replies with the sentence `key`, in the session's language once a session is known, else in the clicker's own. */
  say(key: Key, params?: Params): Promise<void>;
  /** The translator `say` uses: the session's language once known, else the clicker's. */
  tr(): Promise<Translator>;
  /** Tells the clicker why the engine refused; offers the agreement to someone who has not confirmed it. */
  refuse(refusal: SessionRefusal | Extract<DispatchResult, { ok: false }>): Promise<void>;
  client: WebClient;
  /**
   * Dispatches a command for the clicked reference; a refusal is answered
   * with `refuse` unless `quiet` (the caller answers it). Undefined when there
   * was no reference.
   */
  dispatch(body: CommandBody, options?: { quiet?: boolean }): Promise<DispatchResult | undefined>;
  /** The session the clicked reference names; undefined (and the person told why) when it is gone. */
  load(): Promise<{ session: Session; ref: ActionRef } | undefined>;
  /** Opens a modal with the click's trigger_id (good once, for 3 s: call it before anything slow). */
  open(view: ModalView): Promise<void>;
}

export type ClickHandler = (click: Click, tools: ClickTools) => Promise<void>;

/** Modal field errors by block id; undefined closes the modal. */
export type FieldErrors = Record<string, string> | undefined;

export type { SubmitAnswer } from './modal-answer';

export type SubmitHandler = (submission: Submission, tools: { client: WebClient }) => Promise<SubmitAnswer>;

/** Answers the person privately; a failed answer is logged, not thrown (the click itself was handled). */
function replier(deps: ListenerDeps, click: Click | null, respond: RespondFn | undefined, client: WebClient): ClickTools['reply'] {
  return async (text, blocks) => {
    const shown = blocks ? { blocks } : {};
    try {
      if (typeof respond === 'function') {
        await respond({ response_type: 'ephemeral', replace_original: false, text, ...shown, ...(click?.threadTs ? { thread_ts: click.threadTs } : {}) });
      } else if (click?.channel) {
        await client.chat.postEphemeral({ channel: click.channel, user: click.user, text, ...shown, ...(click.threadTs ? { thread_ts: click.threadTs } : {}) });
      }
    } catch (error) {
      logFailure(deps.logger, { listener: 'reply', actionId: click?.actionId }, error);
    }
  };
}

/** The tools of one click: what it says is in the session's language once a session is known (loaded, or named by the engine's answer). */
function clickTools(deps: ListenerDeps, click: Click, reply: ClickTools['reply'], client: WebClient): ClickTools {
  let known: Language | undefined;
  const tr = async (): Promise<Translator> => translator(known ?? (await personLanguage(deps, click.user)));
  const say = async (key: Key, params?: Params): Promise<void> => reply((await tr())(key, params));
  const refuse = async (refusal: SessionRefusal | Extract<DispatchResult, { ok: false }>): Promise<void> => {
    const text = await refusalFor(deps, click.user, refusal);
    const offer = refusal.code === 'not-agreed' && click.ref ? agreementOffer(translator(refusal.language), text, click.ref) : undefined;
    await reply(text, offer?.blocks);
  };
  const dispatch = async (command: CommandBody, options: { quiet?: boolean } = {}): Promise<DispatchResult | undefined> => {
    if (!click.ref) return void (await say('replies:notOurs'));
    const result = await deps.services.dispatch(click.ref.sessionId, { id: click.commandId, actor: click.user, seq: click.ref.seq, ...command });
    if (result.ok) known = languageOf(result.session);
    else if ('language' in result) known = result.language;
    // A double click is one command: the repeat says nothing.
    if (!result.ok && !options.quiet) await refuse(result);
    return result;
  };
  const load = async (): Promise<{ session: Session; ref: ActionRef } | undefined> => {
    if (!click.ref) return void (await say('replies:notOurs'));
    const session = await deps.services.load(click.ref.sessionId);
    if (!session || session.status === 'closing') return void (await say('replies:closed'));
    known = languageOf(session);
    return { session, ref: click.ref };
  };
  const open = async (view: ModalView): Promise<void> => {
    if (click.triggerId) await client.views.open({ trigger_id: click.triggerId, view });
  };
  return { reply, say, tr, refuse, client, dispatch, load, open };
}

/** Said in a modal whose submission could not be read (Slack's own never is: it was changed on the way), in English. */
export const UNREADABLE_FORM_TEXT = t('en', 'replies:unreadableForm');

/** Registers a button/menu listener: ack at once, then the handler. */
export function onClick(app: App, deps: ListenerDeps, actionId: string, handler: ClickHandler): void {
  app.action<BlockAction>({ action_id: actionId }, async ({ ack, body, respond, client }) => {
    await ack();
    const click = parseClick(body);
    const reply = replier(deps, click, respond, client);
    if (!click) {
      deps.logger.warn({ listener: 'action', actionId }, 'a click we could not read');
      return;
    }
    const tools = clickTools(deps, click, reply, client);
    try {
      await handler(click, tools);
    } catch (error) {
      logFailure(deps.logger, { listener: 'action', actionId, sessionId: click.ref?.sessionId }, error);
      await reply(failureText(await tools.tr(), error));
    }
  });
}

/**
 * Registers a modal submission listener. The handler decides (load, decide,
 * commit: milliseconds) before the ack, so a refusal can be shown in the
 * modal itself; a submission that cannot be read, or any failure, is shown
 * on the modal's first field (or, without one, in a view that replaces it):
 * never a modal closed as if it had been taken.
 */
export function onSubmit(app: App, deps: ListenerDeps, callbackId: string, handler: SubmitHandler): void {
  app.view<ViewSubmitAction>(callbackId, async ({ ack, body, client }) => {
    const submission = parseSubmission(body);
    if (!submission) {
      deps.logger.warn({ listener: 'view', callbackId }, 'a submission we could not read');
      // Whose it is cannot be read either: the configured language.
      const tr = translator(deps.defaultLanguage);
      await ack(sayInModal(tr, tr('replies:unreadableForm'), inputBlocksOf(body)));
      return;
    }
    let answer: SubmitAck;
    let raw: SubmitAnswer;
    try {
      raw = await handler(submission, { client });
      answer = await visibleAck(raw, submission.inputBlocks, () => personTr(deps, submission.user));
    } catch (error) {
      logFailure(deps.logger, { listener: 'view', callbackId }, error);
      const tr = await personTr(deps, submission.user);
      answer = sayInModal(tr, failureText(tr, error), submission.inputBlocks);
      raw = undefined;
    }
    await ack(answer);
    // Work the handler left for after the answer (e.g. the new-session set-up, the hidden input's note to its author).
    await afterAckOf(raw)?.().catch((error: unknown) => logFailure(deps.logger, { listener: 'view', callbackId, step: 'after-ack' }, error));
  });
}

/** Runs a submission's command; a refusal becomes an error on `field` of the modal. */
export async function submitCommand(
  deps: ListenerDeps,
  submission: Submission,
  sessionId: string,
  seq: number,
  command: CommandBody,
  field: string,
): Promise<FieldErrors> {
  const result = await deps.services.dispatch(sessionId, { id: submission.commandId, actor: submission.user, seq, ...command });
  if (result.ok) return undefined;
  return { [field]: await refusalFor(deps, submission.user, result) };
}
