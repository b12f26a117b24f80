import type { types } from '@slack/bolt';
import type { ChoicePhase, Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { LIMITS, mention, truncate } from '../escape';
import { ACTIONS, encodeAction } from '../ids';
import { type Block, type Button, type Option, actions, button, context, option, plain, section } from './kit';
import { closeButton } from './session-card';
import { turnButtons } from './turns';
import { inputLabels, inputSpecOf, inputsOf, openRound, phaseById } from './view-model';
import { escapedNoun, forRole, trOf, type Translator } from './words';
import { hasPickSource, isNoted, isOnCall, presenterOf } from '../../engine/queries';

/**
 * The buttons of a phase prompt while the phase is current: each phase kind
 * gets the actions that fit it. Buttons are visible to everyone; labels say
 * who they are for, and the listeners check who clicks.
 */

/** The pick menu's block id carries the seq, so Slack never keeps a stale selection across updates. */
export const PICK_BLOCK_PREFIX = 'pick-';

/** The block id of the pick menu drawn at `seq`. */
export function pickBlockId(seq: number): string {
  return `${PICK_BLOCK_PREFIX}${seq}`;
}

/** Whether a block id (from a message's state.values) is a pick menu's. */
export function isPickBlock(blockId: string): boolean {
  return blockId.startsWith(PICK_BLOCK_PREFIX);
}

/** The blocks with the phase's actions (empty when nobody can act here). */
export function phaseActions(session: Session, format: Format, phase: Phase): Block[] {
  const tr = trOf(session);
  const ref = { sessionId: session.id, seq: session.seq, phaseId: phase.id };
  const value = encodeAction(ref);
  const { presenter, facilitator } = format.roles;
  const next = button(forRole(tr, tr('step:actions.next'), facilitator), ACTIONS.nextPhase, value);
  const more = hasDeadline(session, phase) ? [button(forRole(tr, tr('step:actions.more'), facilitator), ACTIONS.extend, value)] : [];
  const row = (elements: Button[]): Block[] => {
    const block = actions('phase-actions', elements);
    return block ? [block] : [];
  };
  switch (phase.kind) {
    case 'statement': {
      const statement = session.statements[phase.id];
      const written = statement?.text !== undefined;
      const write = button(forRole(tr, written ? tr('step:actions.edit') : phase.textLabel, presenter), ACTIONS.statementWrite, value, {
        style: written ? undefined : 'primary',
      });
      // "Done" is for a case told aloud; a written statement is done when it is sent.
      const done = !statement && phase.text === 'optional' ? [button(forRole(tr, tr('step:turn.done'), presenter), ACTIONS.statementDone, value)] : [];
      return row([write, ...done, ...more, next]);
    }
    case 'agreement':
      return row([button(tr('step:actions.agree'), ACTIONS.agree, value, { style: 'primary' }), next]);
    case 'rounds':
      return row(roundButtons(tr, session, format, phase, next, more));
    case 'choice':
      return [...pickBlocks(tr, session, format, phase), ...row([...choiceButtons(tr, session, format, phase, value), ...more, next])];
    case 'evaluation':
      return row([button(tr('step:evaluate'), ACTIONS.evaluate, value, { style: 'primary' }), ...more, next]);
    case 'end':
      return endBlocks(tr, session, format);
  }
}

/**
 * Whether the facilitator can give the current step more time: a live
 * timebox, an asynchronous round's window, or an asynchronous presenter step
 * (the case, the answers, the picks) with its own deadline.
 */
function hasDeadline(session: Session, phase: Phase): boolean {
  const current = session.current;
  if (!current || current.id !== phase.id || phase.kind === 'end') return false;
  if (current.deadline !== undefined) return true;
  return session.settings.mode === 'async' && current.round?.deadline !== undefined;
}

function roundButtons(tr: Translator, session: Session, format: Format, phase: RoundsPhase, next: Button, more: Button[]): Button[] {
  const round = openRound(session, phase.id);
  // No round open: the presenter may still owe answers, with a deadline the facilitator can move.
  if (!round) return [...more, next];
  const value = encodeAction({ sessionId: session.id, seq: session.seq, phaseId: phase.id, round: round.number });
  const role = format.roles.facilitator;
  const facilitator =
    session.settings.mode === 'live'
      ? [button(forRole(tr, tr('step:actions.skip'), role), ACTIONS.skip, value), ...more]
      : [button(forRole(tr, tr('step:actions.closeRound'), role), ACTIONS.closeRound, value), ...more];
  return [...turnButtons(session, format, phase, round.number), ...facilitator, next];
}

function choiceButtons(tr: Translator, session: Session, format: Format, phase: ChoicePhase, value: string): Button[] {
  const role = format.roles.presenter;
  // On a call, tips said aloud are picked in the presenter's own words (with any noted ones chosen in the menu).
  const canWrite = isOnCall(session) && phase.fromPhase !== undefined && hasPickSource(session, phase);
  const write = canWrite ? [button(forRole(tr, tr('step:actions.writePicks'), role), ACTIONS.picksWrite, value)] : [];
  if (pickOptions(session, format, phase).length === 0) return write;
  const confirm = button(forRole(tr, tr('step:actions.confirmPicks'), role), ACTIONS.pickSubmit, value, { style: 'primary' });
  const remark = phase.remarkLabel ? [button(forRole(tr, phase.remarkLabel, role), ACTIONS.remark, value)] : [];
  return [confirm, ...remark, ...write];
}

/** Characters of option text the pick menu may use in all, so the prompt stays under the message's text limit. */
const MENU_TEXT_BUDGET = 5000;

/**
 * What the presenter may pick from: the inputs of the source phase, or the
 * fixed options. Each input's text is cut to 75 characters, or shorter when
 * there are so many that the menu would crowd out the message.
 */
export function pickOptions(session: Session, format: Format, phase: ChoicePhase): Array<{ round?: number; option: Option }> {
  if (phase.options) return phase.options.map((o) => ({ option: option(o.label, o.id, o.description) }));
  const source = phaseById(format, phase.fromPhase);
  if (source?.kind !== 'rounds') return [];
  const labels = inputLabels(session, format, source);
  // What has words to show: on a call, an input said aloud without a note is picked in the presenter's own words instead.
  const inputs = inputsOf(session, source.id).filter(isNoted);
  const width = Math.min(LIMITS.optionText, Math.floor(MENU_TEXT_BUDGET / Math.max(1, inputs.length)));
  return inputs.map((input) => ({
    round: input.round,
    option: option(truncate(`${labels.get(input.id) ?? ''} · ${input.text.replace(/\s+/g, ' ').trim()}`, width), input.id),
  }));
}

function pickBlocks(tr: Translator, session: Session, format: Format, phase: ChoicePhase): Block[] {
  const choices = pickOptions(session, format, phase);
  if (choices.length === 0) {
    const source = phaseById(format, phase.fromPhase);
    if (hasPickSource(session, phase) && source?.kind === 'rounds') {
      return [context([tr('step:pick.onlySpoken', { inputs: escapedNoun(inputSpecOf(session, format, source).noun) })], 'pick-spoken')];
    }
    return [context([tr(phase.fromPhase ? 'step:pick.noInputs' : 'step:pick.noOptions')])];
  }
  const picked = new Set(session.picks[phase.id]?.items ?? []);
  const initial = choices.filter((c) => picked.has(c.option.value ?? '')).map((c) => c.option);
  const menu: types.MultiStaticSelect = {
    type: 'multi_static_select',
    action_id: ACTIONS.pick,
    placeholder: plain(phase.pickLabel, LIMITS.placeholder),
    max_selected_items: phase.max,
    ...optionsOrGroups(tr, choices),
    ...(initial.length > 0 ? { initial_options: initial.slice(0, phase.max) } : {}),
  };
  const who = { label: phase.pickLabel, presenter: mention(presenterOf(session)), min: phase.min, max: phase.max };
  return [section(tr(phase.min === phase.max ? 'step:pick.exactly' : 'step:pick.between', who), pickBlockId(session.seq), menu)];
}

/** Up to 100 options go in one list; more are grouped by round (Slack allows 100 per group). */
function optionsOrGroups(tr: Translator, choices: Array<{ round?: number; option: Option }>): Pick<types.MultiStaticSelect, 'options' | 'option_groups'> {
  if (choices.length <= LIMITS.options) return { options: choices.map((c) => c.option) };
  const groups = new Map<number, Option[]>();
  for (const c of choices) {
    const list = groups.get(c.round ?? 0) ?? [];
    if (list.length < LIMITS.options) list.push(c.option);
    groups.set(c.round ?? 0, list);
  }
  return {
    option_groups: [...groups.entries()]
      .slice(0, LIMITS.options)
      .map(([round, options]) => ({ label: plain(tr('step:pick.round', { round }), LIMITS.optionText), options })),
  };
}

function endBlocks(tr: Translator, session: Session, format: Format): Block[] {
  if (session.status === 'closing') return [];
  const on = session.settings.presenterCopy;
  const toggle = button(
    forRole(tr, tr(on ? 'step:copy.on' : 'step:copy.off'), format.roles.presenter),
    ACTIONS.presenterCopy,
    encodeAction({ sessionId: session.id, seq: session.seq, op: on ? 'off' : 'on' }),
  );
  const explain = on ? tr('step:copy.explainOn', { presenter: mention(presenterOf(session)) }) : tr('step:copy.explainOff');
  const row = actions('phase-actions', [toggle, closeButton(session, format.roles.facilitator)]);
  return [context([explain], 'presenter-copy'), ...(row ? [row] : [])];
}
