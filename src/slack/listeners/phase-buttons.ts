import type { App } from '@slack/bolt';
import { turnHolder } from '../../engine';
import type { Phase } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { ACTIONS, type ActionRef } from '../ids';
import { answerModal, evaluationModal, extendHoursModal, extendModal, inputLabels, inputModal, isPickBlock, remarkModal, statementModal } from '../blocks';
import { stepOrConfirm } from './circle';
import { encodeRemarkMeta } from './remark-meta';
import type { ListenerDeps } from './support/deps';
import { type ClickTools, onClick } from './support/guard';
import type { Click, StateValues } from './support/payloads';
import { precheck } from './support/probe';

/**
 * The buttons of a phase prompt and its round board. Buttons that only
 * record something dispatch at once; buttons that open a modal first ask the
 * engine (without committing) whether the person may act now, so nobody
 * writes a question only to hear that it is not their turn.
 */

const MOVED_ON = 'This step has moved on.';

/** The phase a reference names, if the session's format has it. */
function phaseOf(deps: ListenerDeps, session: Session, ref: ActionRef): Phase | undefined {
  return ref.phaseId === undefined ? undefined : deps.services.registry.get(session.formatId)?.phases.find((p) => p.id === ref.phaseId);
}

/** The options chosen in the pick menu of the clicked message (its block id carries the seq it was drawn at). */
export function pickedItems(state: StateValues): string[] {
  for (const [blockId, actions] of Object.entries(state)) {
    if (!isPickBlock(blockId)) continue;
    const chosen = actions[ACTIONS.pick]?.selected_options;
    if (chosen && chosen.length > 0) return chosen.map((o) => o.value);
  }
  return [];
}

/** Loads the session and checks, without committing, that the person may do `body`; undefined after telling them why not. */
async function mayAct(deps: ListenerDeps, click: Click, tools: ClickTools, body: Parameters<typeof precheck>[4]) {
  const found = await tools.load();
  if (!found) return undefined;
  const refused = precheck(deps.services, found.session, click.user, found.ref.seq, body);
  if (refused) {
    await tools.refuse(refused);
    return undefined;
  }
  return found;
}

/** Registers the buttons that open a modal. */
function registerModalButtons(app: App, deps: ListenerDeps): void {
  onClick(app, deps, ACTIONS.input, async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    const found = await mayAct(deps, click, tools, { kind: 'input', phaseId, round, text: 'x' });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'rounds') return;
    await tools.open(inputModal(phase, { sessionId: found.session.id, seq: found.session.seq, phaseId, round }));
  });

  onClick(app, deps, ACTIONS.answer, async (click, tools) => {
    const inputId = click.ref?.inputId;
    if (inputId === undefined) return tools.reply(MOVED_ON);
    const found = await mayAct(deps, click, tools, { kind: 'answer', inputId, text: 'x' });
    if (!found) return;
    const question = found.session.inputs.find((i) => i.id === inputId);
    const phase = question && deps.services.registry.get(found.session.formatId)?.phases.find((p) => p.id === question.phaseId);
    if (!question || phase?.kind !== 'rounds') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId: phase.id, inputId };
    await tools.open(answerModal(question, ref, inputLabels(found.session, phase).get(inputId)));
  });

  onClick(app, deps, ACTIONS.statementWrite, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    const found = await mayAct(deps, click, tools, { kind: 'statement', phaseId, text: 'x' });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'statement') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId };
    await tools.open(statementModal(phase, ref, found.session.statements[phaseId]?.text));
  });

  onClick(app, deps, ACTIONS.evaluate, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    const found = await mayAct(deps, click, tools, { kind: 'evaluate', phaseId, useful: 'yes' });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'evaluation') return;
    const { session } = found;
    const ref = { sessionId: session.id, seq: session.seq, phaseId };
    await tools.open(evaluationModal(phase, ref, click.user === session.presenter, session.evaluations[phaseId]?.[click.user]));
  });

  onClick(app, deps, ACTIONS.extend, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    const found = await mayAct(deps, click, tools, { kind: 'extend', phaseId, minutes: 5 });
    if (!found) return;
    const ref = { sessionId: found.session.id, seq: found.ref.seq, phaseId };
    await tools.open(found.session.settings.mode === 'async' ? extendHoursModal(ref) : extendModal(ref));
  });

  // "What you take away": the picks chosen in the menu now and the remark are committed together, by one command.
  onClick(app, deps, ACTIONS.remark, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    // With nothing chosen yet, the engine's answer says what to do ("Please pick 1 to 3 observations").
    const items = pickedItems(click.state);
    const found = await mayAct(deps, click, tools, { kind: 'pick', phaseId, items });
    const phase = found && phaseOf(deps, found.session, found.ref);
    if (!found || phase?.kind !== 'choice') return;
    const ref = { sessionId: found.session.id, seq: found.ref.seq, phaseId };
    await tools.open({ ...remarkModal(phase, ref), private_metadata: encodeRemarkMeta(ref, items) });
  });

  // Edit / Withdraw on an input: only its author, only while its round is open (the engine checks both).
  onClick(app, deps, ACTIONS.inputMenu, async (click, tools) => {
    const { inputId, op } = click.ref ?? {};
    if (inputId === undefined || (op !== 'edit' && op !== 'withdraw')) return tools.reply(MOVED_ON);
    if (op === 'withdraw') {
      const result = await tools.dispatch({ kind: 'withdraw', inputId });
      if (result?.ok && !result.duplicate) await tools.reply('Your input was withdrawn; it counts as a pass in this round.');
      return;
    }
    const found = await mayAct(deps, click, tools, { kind: 'edit', inputId, text: 'x' });
    const input = found?.session.inputs.find((i) => i.id === inputId);
    const phase = input && found && deps.services.registry.get(found.session.formatId)?.phases.find((p) => p.id === input.phaseId);
    if (!found || !input || phase?.kind !== 'rounds') return;
    const ref = { sessionId: found.session.id, seq: found.session.seq, phaseId: phase.id, round: input.round, inputId };
    await tools.open(inputModal(phase, ref, input.text));
  });
}

/** Registers the buttons that record at once. */
function registerDirectButtons(app: App, deps: ListenerDeps): void {
  onClick(app, deps, ACTIONS.pass, async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'pass', phaseId, round });
  });

  onClick(app, deps, ACTIONS.statementDone, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'statement', phaseId });
  });

  onClick(app, deps, ACTIONS.agree, async (_click, tools) => {
    await tools.dispatch({ kind: 'agree' });
  });

  // Choosing in the pick menu is only remembered by Slack until "Confirm picks"; nothing to do here.
  onClick(app, deps, ACTIONS.pick, async () => undefined);

  onClick(app, deps, ACTIONS.pickSubmit, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'pick', phaseId, items: pickedItems(click.state) });
  });

  // Past an agreement step, whoever has not agreed is named for the facilitator to confirm (circle.ts).
  onClick(app, deps, ACTIONS.nextPhase, async (click, tools) => {
    const phaseId = click.ref?.phaseId;
    if (phaseId === undefined) return tools.reply(MOVED_ON);
    await stepOrConfirm(click, tools, { kind: 'next-phase', phaseId });
  });

  // Skip means the turn the facilitator saw; the seq on the button makes sure it still is.
  onClick(app, deps, ACTIONS.skip, async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    const found = await tools.load();
    if (!found) return;
    const member = turnHolder(found.session);
    if (!member) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'skip', phaseId, round, member });
  });

  onClick(app, deps, ACTIONS.closeRound, async (click, tools) => {
    const { phaseId, round } = click.ref ?? {};
    if (phaseId === undefined || round === undefined) return tools.reply(MOVED_ON);
    await tools.dispatch({ kind: 'close-round', phaseId, round });
  });
}

/** Registers every phase button. */
export function registerPhaseButtons(app: App, deps: ListenerDeps): void {
  registerModalButtons(app, deps);
  registerDirectButtons(app, deps);
}
