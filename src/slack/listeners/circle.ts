import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { UserId } from '../../engine/session';
import { PEOPLE_FIELD, peopleModal, takeOffModal } from '../blocks';
import type { ModalView } from '../blocks';
import { LIMITS, mention } from '../escape';
import { ACTIONS, CALLBACKS, type ActionRef, encodeAction, parseAction } from '../ids';
import { plain, section } from '../blocks/kit';
import type { ListenerDeps } from './support/deps';
import { reasonOf } from './support/deps';
import { type ClickTools, onClick, onSubmit } from './support/guard';
import type { Click } from './support/payloads';

/**
 * Who is in the circle: the facilitator's Start (and Next phase past an
 * agreement step) with the confirmation that names whoever has not agreed,
 * and the People modal that sets the members before the start. The engine
 * decides every rule; these only ask and show.
 */

const SEP = ';';
const people = z.array(z.string().regex(/^[UW][A-Z0-9]{2,30}$/)).min(1).max(40);

/** The confirmation modal's private_metadata: the reference the facilitator saw and the people it names. */
export function encodeTakeOffMeta(ref: ActionRef, named: readonly UserId[]): string {
  return `${encodeAction(ref)}${SEP}${named.join(',')}`;
}

/** The reference and the people of a confirmation; null when it is not ours. */
export function parseTakeOffMeta(value: string | undefined): { ref: ActionRef; people: UserId[] } | null {
  if (value === undefined || value.length > 3000) return null;
  const at = value.indexOf(SEP);
  if (at < 0) return null;
  const ref = parseAction(value.slice(0, at));
  const parsed = people.safeParse(value.slice(at + 1).split(','));
  return ref && parsed.success ? { ref, people: parsed.data } : null;
}

type StepBody = { kind: 'start' } | { kind: 'next-phase'; phaseId: string };

/**
 * Start, or move past the agreement step: when the engine answers that some
 * people have not agreed, the facilitator sees their names and confirms
 * before anyone is taken off.
 */
export async function stepOrConfirm(deps: ListenerDeps, click: Click, tools: ClickTools, body: StepBody): Promise<void> {
  if (!click.ref) return tools.reply("This button doesn't belong to a session I know any more.");
  const ref = click.ref;
  const result = await deps.services.dispatch(ref.sessionId, { id: click.commandId, actor: click.user, seq: ref.seq, ...body });
  if (result.ok) return;
  if (result.code === 'needs-confirmation' && result.people && result.people.length > 0) {
    const meta = encodeTakeOffMeta({ sessionId: ref.sessionId, seq: ref.seq, ...(body.kind === 'next-phase' ? { phaseId: body.phaseId } : {}) }, result.people);
    await tools.open(takeOffModal(result.reason, meta, body.kind === 'start'));
    return;
  }
  await tools.refuse(result);
}

/** A modal that only says why something could not be done (for modals without a field to show an error on). */
function notDoneView(reason: string): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.takeOff,
    title: plain('Not done', LIMITS.modalTitle),
    close: plain('Close', LIMITS.modalButton),
    blocks: [section(reason, 'not-done')],
  };
}

/** Registers the People button and modal, and the take-off confirmation. */
export function registerCircle(app: App, deps: ListenerDeps): void {
  onClick(app, deps, ACTIONS.start, (click, tools) => stepOrConfirm(deps, click, tools, { kind: 'start' }));

  onClick(app, deps, ACTIONS.people, async (click, tools) => {
    const found = await tools.load();
    if (!found) return;
    const { session } = found;
    if (click.user !== session.facilitator) return tools.reply(`Only the facilitator (${mention(session.facilitator)}) can change who takes part.`);
    if (session.status !== 'open') return tools.reply('The session has started: who takes part stays as it is.');
    await tools.open(peopleModal(session, { sessionId: session.id, seq: session.seq }));
  });

  onSubmit(app, deps, CALLBACKS.people, async (s) => {
    const ref = parseAction(s.privateMetadata);
    if (!ref) return { [PEOPLE_FIELD.block]: 'This form is out of date. Please close it and use the session card again.' };
    const chosen = [...new Set(s.values.users(PEOPLE_FIELD.block, PEOPLE_FIELD.action))];
    const found = await deps.users.many(chosen);
    for (const user of chosen) {
      const info = found.get(user);
      if (!info) return { [PEOPLE_FIELD.block]: "I can't find one of the people chosen here in this workspace." };
      if (info.isBot || user === deps.botUserId) return { [PEOPLE_FIELD.block]: `${info.name} is a bot; only people can take part.` };
      if (info.deleted) return { [PEOPLE_FIELD.block]: `${info.name}'s account is deactivated.` };
    }
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, kind: 'set-members', members: chosen });
    return result.ok ? undefined : { [PEOPLE_FIELD.block]: reasonOf(result) };
  });

  onSubmit(app, deps, CALLBACKS.takeOff, async (s) => {
    const meta = parseTakeOffMeta(s.privateMetadata);
    if (!meta) return { update: notDoneView('This form is out of date. Please use the session card again.') };
    const { ref } = meta;
    const body = ref.phaseId === undefined ? { kind: 'start' as const, without: meta.people } : { kind: 'next-phase' as const, phaseId: ref.phaseId, without: meta.people };
    const result = await deps.services.dispatch(ref.sessionId, { id: s.commandId, actor: s.user, seq: ref.seq, ...body });
    if (result.ok) return undefined;
    const reason = result.code === 'stale' ? 'Someone joined, agreed or left meanwhile. Please look at the session card and try again.' : reasonOf(result);
    return { update: notDoneView(reason) };
  });
}
