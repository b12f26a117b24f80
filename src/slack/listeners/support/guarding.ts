import type { WebClient } from '@slack/web-api';
import type { Format, RoundsPhase } from '../../../engine/formats/schema';
import { phaseById } from '../../../engine/queries';
import type { Input, Session } from '../../../engine/session';
import { type MessagePayload, clarifyRequest, hideModal, inputLabels } from '../../blocks';
import { mention } from '../../escape';
import type { ListenerDeps } from './deps';
import { logFailure } from './deps';
import type { ClickTools } from './guard';
import type { Click } from './payloads';
import { mayAct } from './phase-click';
import { sessionFormat } from './speech';

/**
 * The facilitator guarding the rules, as the listeners carry it out: the
 * input a reference names, the hide form, the request for a clarification,
 * and the private notes to the author, sent once the engine has accepted.
 */

/** An input of a session with what drawing about it needs: its format, its phase, its board label. */
export interface InputAt {
  session: Session;
  format: Format;
  phase: RoundsPhase;
  input: Input;
  label: string;
}

/** The input `inputId` names in the session, or undefined. */
export function inputAt(deps: ListenerDeps, session: Session, inputId: string): InputAt | undefined {
  const format = sessionFormat(deps, session);
  const input = session.inputs.find((candidate) => candidate.id === inputId);
  const phase = input && phaseById(format, input.phaseId);
  if (!format || !input || phase?.kind !== 'rounds') return undefined;
  return { session, format, phase, input, label: inputLabels(session, format, phase).get(inputId) ?? '' };
}

/**
 * A private note to one person by direct message, after the engine accepted
 * what it tells. It holds no user text (the title, a board label, the
 * format's words), so it needs no deleting; a failure is logged by ids only.
 */
export async function notePrivately(deps: ListenerDeps, client: WebClient, user: string, payload: MessagePayload, sessionId: string): Promise<void> {
  try {
    const opened = await client.conversations.open({ users: user });
    const channel = opened.channel?.id;
    if (channel) await client.chat.postMessage({ channel, text: payload.text, blocks: payload.blocks });
  } catch (error) {
    logFailure(deps.logger, { listener: 'private-note', sessionId }, error);
  }
}

/** "Hide" on an input: the facilitator's form with the format's reasons, once the engine says they may. */
export async function openHide(deps: ListenerDeps, click: Click, tools: ClickTools, inputId: string): Promise<void> {
  const probe = await tools.load();
  const reason = probe && deps.formats.get(probe.session.formatId)?.hideReasons[0]?.id;
  if (!probe || reason === undefined) return;
  const found = await mayAct(deps, click, tools, { kind: 'hide', inputId, reason });
  const at = found && inputAt(deps, found.session, inputId);
  if (!found || !at) return;
  const ref = { sessionId: at.session.id, seq: at.session.seq, phaseId: at.phase.id, inputId };
  await tools.open(hideModal(at.session, at.format, at.input, at.label, ref));
}

/** "Ask to clarify" on an input: asked at once; the author gets a private note with the form's button. */
export async function askToClarify(deps: ListenerDeps, tools: ClickTools, inputId: string): Promise<void> {
  const result = await tools.dispatch({ kind: 'ask-clarification', inputId });
  if (!result?.ok || result.duplicate) return;
  const at = inputAt(deps, result.session, inputId);
  if (!at) return;
  await notePrivately(deps, tools.client, at.input.author, clarifyRequest(at.session, at.format, at.phase, at.label, inputId, at.input.spoken === true), at.session.id);
  await tools.say('replies:askedToClarify', { author: mention(at.input.author), label: at.label });
}
