import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { UserId } from '../../engine/session';
import { PEOPLE_FIELD, notDoneView, peopleModal, takeOffModal } from '../blocks';
import { mention } from '../escape';
import { ACTIONS, CALLBACKS, type ActionRef, encodeRefWithList, parseAction, parseRefWithList } from '../ids';
import type { ListenerDeps } from './support/deps';
import { reasonOf } from './support/deps';
import { type ClickTools, onClick, onSubmit } from './support/guard';
import type { Click } from './support/payloads';
import { whyNotAPerson } from './support/users';

/**
 * Who is in the circle: the facilitator's Start (and Next phase past an
 * agreement step) with the confirmation that names whoever has not agreed,
 * and the People modal that sets the members before the start. The engine
 * decides every rule; these only ask and show.
 */

const people = z.array(z.string().regex(/^[UW][A-Z0-9]{2,30}$/)).min(1).max(40);

/** The reference the facilitator saw and the people a confirmation names; null when it is not ours. */
function parseTakeOffMeta(value: string | undefined): { ref: ActionRef; people: UserId[] } | null {
  const parsed = parseRefWithList(value, people);
  return parsed ? { ref: parsed.ref, people: parsed.items } : null;
}

type StepBody = { kind: 'start' } | { kind: 'next-phase'; phaseId: string };

/**
 * Start, or move past the agreement step: when the engine answers that some
 * people have not agreed, the facilitator sees their names and confirms
 * before anyone is taken off.
 */
export async function stepOrConfirm(click: Click, tools: ClickTools, body: StepBody): Promise<void> {
  const result = await tools.dispatch(body, { quiet: true });
  const ref = click.ref;
  if (!result || result.ok || !ref) return;
  if (result.code === 'needs-confirmation' && result.people && result.people.length > 0) {
    const meta = encodeRefWithList({ sessionId: ref.sessionId, seq: ref.seq, ...(body.kind === 'next-phase' ? { phaseId: body.phaseId } : {}) }, result.people);
    await tools.open(takeOffModal(result.reason, meta, body.kind === 'start'));
    return;
  }
  await tools.refuse(result);
}

/** Registers the People button and modal, and the take-off confirmation. */
export function registerCircle(app: App, deps: ListenerDeps): void {
  onClick(app, deps, ACTIONS.start, (click, tools) => stepOrConfirm(click, tools, { kind: 'start' }));

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
    const problem = chosen.map((user) => whyNotAPerson(found.get(user))).find((why) => why !== undefined);
    if (problem) return { [PEOPLE_FIELD.block]: problem };
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
