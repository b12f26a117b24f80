import type { ChoicePhase, EvaluationPhase, Format, Phase, RoundsPhase, StatementPhase } from '../../engine/formats/schema';
import { presenterOf } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeBounded, escapeText, mention, mentions } from '../escape';
import { type Block, context, section, sections } from './kit';
import { recallBlocks } from './phase-recall';
import { inputWords } from './turns';
import { evaluators, inputLabels, inputSpecOf, inputsOf, participants, phaseById, roundNumbers, usefulLabel } from './view-model';
import { count, escapedNoun, trOf, word, type Translator } from './words';

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
  const tr = trOf(session);
  switch (phase.kind) {
    case 'statement':
      return statementText(tr, session, phase);
    case 'agreement': {
      const quoted = escapeText(phase.agreement)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
      const agreed = participants(session).filter((u) => session.agreed.includes(u));
      return [section(quoted, 'agreement'), context([tr('step:agreed', { people: mentions(agreed, tr('common:nobody')) })], 'agreed')];
    }
    case 'rounds':
      return recallBlocks(session, format, phase);
    case 'choice':
      return picksShown(session, format, phase, true);
    case 'evaluation':
      return [
        section(
          tr('step:evaluationQuestions', {
            presenter: mention(presenterOf(session)),
            question: escapeText(phase.question),
            member: escapedNoun(format.roles.member),
            memberQuestion: escapeText(phase.memberQuestion),
          }),
          'questions',
        ),
        context([tr('step:evaluated', { people: mentions(evaluated(session, phase), tr('common:nobody')) })], 'evaluated'),
      ];
    case 'end':
      // The phase's instruction is the format's own end text, shown once above.
      return [];
  }
}

/** Blocks shown once the phase is over: a compact outcome, and what the group should still be able to read. */
export function doneContent(session: Session, format: Format, phase: Phase): Block[] {
  const tr = trOf(session);
  const done = (line: string): Block => context([tr('step:done.line', { line })], 'outcome');
  const presenter = mention(presenterOf(session));
  switch (phase.kind) {
    case 'statement': {
      const statement = session.statements[phase.id];
      const how = !statement ? tr('step:done.movedOn') : tr(statement.text !== undefined ? 'step:done.wrote' : 'step:done.told', { presenter });
      return [done(how), ...statementText(tr, session, phase)];
    }
    case 'agreement': {
      const everyone = participants(session);
      return [done(tr('step:done.agreed', { agreed: everyone.filter((u) => session.agreed.includes(u)).length, total: everyone.length }))];
    }
    case 'rounds':
      return [done(roundsOutcome(tr, session, format, phase))];
    case 'choice': {
      const picks = picksShown(session, format, phase, false);
      return picks.length > 0 ? picks : [done(tr('step:done.nothingPicked'))];
    }
    case 'evaluation':
      return [done(tr('step:done.evaluations', { evaluations: count(tr, evaluated(session, phase).length, word(tr, 'evaluation')) })), ...evaluationAnswers(tr, session, phase)];
    case 'end':
      return [done(escapeText(phase.ended))];
  }
}

/** "2 rounds, 5 questions, 4 answered, 1 passed." */
function roundsOutcome(tr: Translator, session: Session, format: Format, phase: RoundsPhase): string {
  const inputs = inputsOf(session, phase.id);
  // Counted as the board shows them: a closing round of passes is a round too.
  const counts = {
    rounds: count(tr, roundNumbers(session, phase.id).length, word(tr, 'round')),
    inputs: count(tr, inputs.length, inputSpecOf(session, format, phase).noun),
    answered: inputs.filter((i) => i.answer?.text !== undefined).length,
    passed: inputs.filter((i) => i.answer !== undefined && i.answer.text === undefined).length,
  };
  if (!phase.answerable) return tr('step:done.rounds', counts);
  return tr(counts.passed > 0 ? 'step:done.roundsAnsweredPassed' : 'step:done.roundsAnswered', counts);
}

function statementText(tr: Translator, session: Session, phase: StatementPhase): Block[] {
  const text = session.statements[phase.id]?.text;
  if (text === undefined) return [];
  // Escaping can lengthen text up to fivefold; the budget keeps even a hostile statement postable.
  return sections(tr('step:wrote', { presenter: mention(presenterOf(session)), text: escapeBounded(text, STATEMENT_BUDGET) }), 'statement');
}

function picksShown(session: Session, format: Format, phase: ChoicePhase, withMenu: boolean): Block[] {
  const tr = trOf(session);
  const pick = session.picks[phase.id];
  if (!pick || (pick.items.length === 0 && pick.named === undefined)) return [];
  const each = Math.floor((withMenu ? PICKS_BUDGET_WITH_MENU : PICKS_BUDGET) / Math.max(1, pick.items.length));
  const lines = pick.items.map((item) => pickedText(tr, session, format, phase, item, each));
  const blocks = [section(tr('step:picked', { presenter: mention(presenterOf(session)) }), 'picked'), ...lines.map((l, i) => section(l, `picked-${i + 1}`))];
  if (pick.named !== undefined) {
    // Picks said aloud on a call, in the presenter's own words.
    blocks.push(section(tr('step:ownWords', { words: escapeBounded(pick.named, withMenu ? REMARK_BUDGET_WITH_MENU : REMARK_BUDGET) }), 'picked-named'));
  }
  if (pick.remark !== undefined && pick.remark.trim() !== '') {
    const label = phase.remarkLabel ?? tr('step:remark');
    blocks.push(section(`*${escapeText(label)}:* ${escapeBounded(pick.remark, withMenu ? REMARK_BUDGET_WITH_MENU : REMARK_BUDGET)}`, 'remark'));
  }
  return blocks;
}

function pickedText(tr: Translator, session: Session, format: Format, phase: ChoicePhase, item: string, budget: number): string {
  const fixed = phase.options?.find((o) => o.id === item);
  if (fixed) return `• *${escapeText(fixed.label)}*${fixed.description ? ` — ${escapeText(fixed.description)}` : ''}`;
  const source = phaseById(format, phase.fromPhase);
  const input = session.inputs.find((i) => i.id === item);
  if (!input || source?.kind !== 'rounds') return tr('step:unavailable');
  const label = inputLabels(session, format, source).get(input.id) ?? '';
  return `• *${label}* · ${mention(input.author)}: ${inputWords(tr, input, budget)}`;
}

function evaluated(session: Session, phase: EvaluationPhase): string[] {
  const answers = session.evaluations[phase.id] ?? {};
  return evaluators(session).filter((u) => answers[u] !== undefined);
}

function evaluationAnswers(tr: Translator, session: Session, phase: EvaluationPhase): Block[] {
  const answers = session.evaluations[phase.id] ?? {};
  const people = evaluated(session, phase);
  if (people.length === 0) return [];
  const each = Math.floor(EVALUATIONS_BUDGET / people.length);
  const lines = people.map((u) => {
    const e = answers[u];
    if (!e) return '';
    const what = e.what !== undefined && e.what.trim() !== '' ? ` — ${escapeBounded(e.what, each)}` : '';
    return `${mention(u)}: *${usefulLabel(session, e.useful)}*${what}`;
  });
  return sections(lines.join('\n'), 'evaluations');
}
