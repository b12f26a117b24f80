import type { App, BlockAction, RespondFn, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { CommandBody, Rejection, Session } from '../../../engine/session';
import { type Block, type ModalView, agreementOffer } from '../../blocks';
import type { ActionRef } from '../../ids';
import type { DispatchResult } from '../../../service/dispatch';
import { type ListenerDeps, TEXT, failureText, logFailure, reasonOf } from './deps';
import { type Click, type Submission, parseClick, parseSubmission } from './payloads';

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
  /** Tells the clicker why the engine refused; offers the agreement to someone who has not confirmed it. */
  refuse(refusal: Rejection | Extract<DispatchResult, { ok: false }>): Promise<void>;
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

/**
 * A submission's answer: field errors, nothing (the modal closes), a view
 * that replaces the modal (`update`), or the modal closed (`close`); the last
 * two with work to do once Slack has the answer (`afterAck`: it must not
 * throw; it shows its own outcome).
 */
export type SubmitAnswer = FieldErrors | { update: ModalView; afterAck?: () => Promise<void> } | { close: true; afterAck: () => Promise<void> };

export type SubmitHandler = (submission: Submission, tools: { client: WebClient }) => Promise<SubmitAnswer>;

/** Whether a submission's answer replaces the modal or closes it with work to follow (rather than listing field errors). */
function isUpdate(answer: SubmitAnswer): answer is { update: ModalView; afterAck?: () => Promise<void> } | { close: true; afterAck: () => Promise<void> } {
  const shape = answer as { update?: unknown; close?: unknown } | undefined;
  return shape !== undefined && (typeof shape.update === 'object' || shape.close === true);
}

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
    const refuse = async (refusal: Rejection | Extract<DispatchResult, { ok: false }>): Promise<void> => {
      if (refusal.code === 'missing' || refusal.code === 'busy') {
        await reply(reasonOf(refusal));
        return;
      }
      const offer = refusal.code === 'not-agreed' && click.ref ? agreementOffer(refusal.reason, click.ref) : undefined;
      await reply(refusal.reason, offer?.blocks);
    };
    const dispatch = async (command: CommandBody, options: { quiet?: boolean } = {}): Promise<DispatchResult | undefined> => {
      if (!click.ref) {
        await reply(TEXT.notOurs);
        return undefined;
      }
      const result = await deps.services.dispatch(click.ref.sessionId, { id: click.commandId, actor: click.user, seq: click.ref.seq, ...command });
      // A double click is one command: the repeat says nothing.
      if (!result.ok && !options.quiet) await refuse(result);
      return result;
    };
    const load = async (): Promise<{ session: Session; ref: ActionRef } | undefined> => {
      if (!click.ref) {
        await reply(TEXT.notOurs);
        return undefined;
      }
      const session = await deps.services.load(click.ref.sessionId);
      if (!session || session.status === 'closing') {
        await reply(TEXT.closed);
        return undefined;
      }
      return { session, ref: click.ref };
    };
    const open = async (view: ModalView): Promise<void> => {
      if (click.triggerId) await client.views.open({ trigger_id: click.triggerId, view });
    };
    try {
      await handler(click, { reply, refuse, client, dispatch, load, open });
    } catch (error) {
      logFailure(deps.logger, { listener: 'action', actionId, sessionId: click.ref?.sessionId }, error);
      await reply(failureText(error));
    }
  });
}

/**
 * Registers a modal submission listener. The handler decides (load, decide,
 * commit: milliseconds) before the ack, so a refusal can be shown in the
 * modal itself; any failure is shown on the modal's first field.
 */
export function onSubmit(app: App, deps: ListenerDeps, callbackId: string, handler: SubmitHandler): void {
  app.view<ViewSubmitAction>(callbackId, async ({ ack, body, client }) => {
    const submission = parseSubmission(body);
    if (!submission) {
      deps.logger.warn({ listener: 'view', callbackId }, 'a submission we could not read');
      await ack();
      return;
    }
    let answer: SubmitAnswer;
    try {
      answer = await handler(submission, { client });
    } catch (error) {
      logFailure(deps.logger, { listener: 'view', callbackId }, error);
      const field = submission.inputBlocks[0];
      answer = field ? { [field]: failureText(error) } : undefined;
    }
    if (isUpdate(answer)) {
      await ack('update' in answer ? { response_action: 'update', view: answer.update } : undefined);
      await answer.afterAck?.().catch((error: unknown) => logFailure(deps.logger, { listener: 'view', callbackId, step: 'after-ack' }, error));
      return;
    }
    await ack(answer ? { response_action: 'errors', errors: answer } : undefined);
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
  return { [field]: reasonOf(result) };
}
