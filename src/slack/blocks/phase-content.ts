import type { ChoicePhase, EvaluationPhase, Format, Phase, StatementPhase } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeBounded, escapeText, mention, mentions } from '../escape';
import { type Block, context, section, sections } from './kit';
import { recallBlocks } from './phase-recall';
import { inputWords } from './turns';
import { count, evaluators, inputLabels, inputSpecOf, inputsOf, participants, phaseById, roundNumbers, usefulLabel } from './view-model';
import { WORDS } from './words';

/**
 * What a phase prompt shows besides its buttons: the written statement, the
 * agreement, the picks, who evaluated; and once the phase is over, its
 * outcome in a line or two. User text is escaped and bounded here.
 */

/** Budgets (escaped characters) that keep a prompt under the message's block-text limit with the longest inputs. */
const STATEMENT_BUDGET = 8000;
const PICKS_BUDGET = 7000;
/** While the pick menu is shown its options take much of the message, so the picks shown above it get less. */
const PICKS_BUDGET_WITH_MENU = 2000;
const REMARK_BUDGET = 2000;
const REMARK_BUDGET_WITH_MENU = 1000;
const EVALUATIONS_BUDGET = 6000;

/** Blocks shown while the phase is current (above the status line and buttons). */
export function currentContent(session: Session, format: Format, phase: Phase): Block[] {
  switch (phase.kind) {
    case 'statement':
      return statementText(session, phase);
    case 'agreement': {
      const quoted = escapeText(phase.agreement)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
      const agreed = participants(session).filter((u) => session.agreed.includes(u));
      return [section(quoted, 'agreement'), context([`Agreed: ${mentions(agreed)}`], 'agreed')];
    }
    case 'rounds':
      return recallBlocks(session, format, phase);
    case 'choice':
      return picksShown(session, format, phase, true);
    case 'evaluation':
      return [
        section(
          `*For ${mention(presenterOf(session))}:* ${escapeText(phase.question)}\n*For ${escapeText(format.roles.member.definitePlural)}:* ${escapeText(phase.memberQuestion)}`,
          'questions',
        ),
        context([`Evaluated: ${mentions(evaluated(session, phase))}`], 'evaluated'),
      ];
    case 'end':
      // The phase's instruction is the format's own end text, shown once above.
      return [];
  }
}

/** Blocks shown once the phase is over: a compact outcome, and what the group should still be able to read. */
export function doneContent(session: Session, format: Format, phase: Phase): Block[] {
  const done = (line: string): Block => context([`Phase done — ${line}`], 'outcome');
  switch (phase.kind) {
    case 'statement': {
      const statement = session.statements[phase.id];
      const how = !statement ? 'the group moved on.' : statement.text !== undefined ? `${mention(presenterOf(session))} wrote it down.` : `${mention(presenterOf(session))} told it aloud.`;
      return [done(how), ...statementText(session, phase)];
    }
    case 'agreement': {
      const everyone = participants(session);
      const agreed = everyone.filter((u) => session.agreed.includes(u)).length;
      return [done(`${agreed} of ${everyone.length} agreed.`)];
    }
    case 'rounds': {
      const inputs = inputsOf(session, phase.id);
      // Counted as the board shows them: a closing round of passes is a round too.
      const rounds = count(roundNumbers(session, phase.id).length, WORDS.round);
      const passed = inputs.filter((i) => i.answer !== undefined && i.answer.text === undefined).length;
      const answered = phase.answerable ? `, ${inputs.filter((i) => i.answer?.text !== undefined).length} answered${passed > 0 ? `, ${passed} passed` : ''}` : '';
      return [done(`${rounds}, ${count(inputs.length, inputSpecOf(session, format, phase).noun)}${answered}.`)];
    }
    case 'choice': {
      const picks = picksShown(session, format, phase, false);
      return picks.length > 0 ? picks : [done('nothing was picked.')];
    }
    case 'evaluation':
      return [done(`${count(evaluated(session, phase).length, WORDS.evaluation)}.`), ...evaluationAnswers(session, phase)];
    case 'end':
      return [done(escapeText(phase.ended))];
  }
}

function statementText(session: Session, phase: StatementPhase): Block[] {
  const text = session.statements[phase.id]?.text;
  if (text === undefined) return [];
  // Escaping can lengthen text up to fivefold; the budget keeps even a hostile statement postable.
  return sections(`*${mention(presenterOf(session))} wrote:*\n${escapeBounded(text, STATEMENT_BUDGET)}`, 'statement');
}

function picksShown(session: Session, format: Format, phase: ChoicePhase, withMenu: boolean): Block[] {
  const pick = session.picks[phase.id];
  if (!pick || (pick.items.length === 0 && pick.named === undefined)) return [];
  const each = Math.floor((withMenu ? PICKS_BUDGET_WITH_MENU : PICKS_BUDGET) / Math.max(1, pick.items.length));
  const lines = pick.items.map((item) => pickedText(session, format, phase, item, each));
  const blocks = [section(`*${mention(presenterOf(session))} picked:*`, 'picked'), ...lines.map((l, i) => section(l, `picked-${i + 1}`))];
  if (pick.named !== undefined) {
    // Picks said aloud on a call, in the presenter's own words.
    blocks.push(section(`*In their own words:* ${escapeBounded(pick.named, withMenu ? REMARK_BUDGET_WITH_MENU : REMARK_BUDGET)}`, 'picked-named'));
  }
  if (pick.remark !== undefined && pick.remark.trim() !== '') {
    const label = phase.remarkLabel ?? 'Remark';
    blocks.push(section(`*${escapeText(label)}:* ${escapeBounded(pick.remark, withMenu ? REMARK_BUDGET_WITH_MENU : REMARK_BUDGET)}`, 'remark'));
  }
  return blocks;
}

function pickedText(session: Session, format: Format, phase: ChoicePhase, item: string, budget: number): string {
  const fixed = phase.options?.find((o) => o.id === item);
  if (fixed) return `• *${escapeText(fixed.label)}*${fixed.description ? ` — ${escapeText(fixed.description)}` : ''}`;
  const source = phaseById(format, phase.fromPhase);
  const input = session.inputs.find((i) => i.id === item);
  if (!input || source?.kind !== 'rounds') return '• _(no longer available)_';
  const label = inputLabels(session, format, source).get(input.id) ?? '';
  return `• *${label}* · ${mention(input.author)}: ${inputWords(input, budget)}`;
}

function evaluated(session: Session, phase: EvaluationPhase): string[] {
  const answers = session.evaluations[phase.id] ?? {};
  return evaluators(session).filter((u) => answers[u] !== undefined);
}

function evaluationAnswers(session: Session, phase: EvaluationPhase): Block[] {
  const answers = session.evaluations[phase.id] ?? {};
  const people = evaluated(session, phase);
  if (people.length === 0) return [];
  const each = Math.floor(EVALUATIONS_BUDGET / people.length);
  const lines = people.map((u) => {
    const e = answers[u];
    if (!e) return '';
    const what = e.what !== undefined && e.what.trim() !== '' ? ` — ${escapeBounded(e.what, each)}` : '';
    return `${mention(u)}: *${usefulLabel(e.useful)}*${what}`;
  });
  return sections(lines.join('\n'), 'evaluations');
}
