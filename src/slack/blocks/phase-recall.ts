import type { ChoicePhase, Format, RoundsPhase, StatementPhase } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeBounded, escapeText, mention } from '../escape';
import { type Block, section } from './kit';
import { inputWords } from './turns';
import { inputLabels, phaseById } from './view-model';
import { trOf, type Translator } from './words';

/**
 * What a rounds phase recalls from earlier steps, shown in its prompt while
 * it runs: the key question and the method for the consultation, the
 * observations that resonate for the focused questions. User text is escaped
 * and bounded, so the prompt and its board still fit one message.
 */

/** Escaped characters all recalled outcomes of one prompt may take. */
const RECALL_BUDGET = 3000;

/** The blocks recalling the outcomes the phase names in `recall`, in that order. */
export function recallBlocks(session: Session, format: Format, phase: RoundsPhase): Block[] {
  const recalled = phase.recall ?? [];
  const each = Math.floor(RECALL_BUDGET / Math.max(1, recalled.length));
  return recalled.flatMap((id, i) => {
    const source = phaseById(format, id);
    const text = source?.kind === 'statement' ? statementLine(session, source, each) : source?.kind === 'choice' ? choiceLines(session, format, source, each) : undefined;
    return text === undefined ? [] : [section(text, `recall-${i + 1}`)];
  });
}

function statementLine(session: Session, phase: StatementPhase, budget: number): string | undefined {
  const statement = session.statements[phase.id];
  if (statement?.text === undefined) return undefined;
  return `*${escapeText(phase.title)}* (${mention(presenterOf(session))}):\n> ${escapeBounded(statement.text, budget).replace(/\n/g, '\n> ')}`;
}

function choiceLines(session: Session, format: Format, phase: ChoicePhase, budget: number): string | undefined {
  const tr: Translator = trOf(session);
  const pick = session.picks[phase.id];
  if (!pick || (pick.items.length === 0 && pick.named === undefined)) return undefined;
  // On a call the presenter may have named their picks in their own words, besides (or instead of) the menu's.
  const named = pick.named === undefined ? [] : [tr('step:ownWordsRecalled', { words: escapeBounded(pick.named, Math.floor(budget / 2)) })];
  const each = Math.floor((named.length > 0 ? budget / 2 : budget) / Math.max(1, pick.items.length));
  const source = phaseById(format, phase.fromPhase);
  const labels = source?.kind === 'rounds' ? inputLabels(session, format, source) : new Map<string, string>();
  const lines = pick.items.map((item) => {
    const option = phase.options?.find((o) => o.id === item);
    if (option) return `*${escapeText(option.label)}*${option.description ? ` — ${escapeText(option.description)}` : ''}`;
    const input = session.inputs.find((i) => i.id === item);
    return input ? `• *${labels.get(input.id) ?? ''}* · ${mention(input.author)}: ${inputWords(tr, input, each)}` : undefined;
  });
  const shown = [...lines.filter((line): line is string => line !== undefined), ...named];
  if (shown.length === 0) return undefined;
  return phase.options ? `*${escapeText(phase.title)}:* ${shown.join(', ')}` : `*${escapeText(phase.pickLabel)}* (${mention(presenterOf(session))}):\n${shown.join('\n')}`;
}
