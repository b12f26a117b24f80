import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import type { Session } from '../../engine/session';
import { channelLink, escapeBounded, escapeText, mention, slackDate } from '../escape';
import { type Block, type MessagePayload, context, header, section, sections } from './kit';
import { paginate } from './pages';
import { evaluators, inputLabels, inputsOf, phaseById, usefulLabel } from './view-model';

/**
 * The presenter's private copy of their case, sent by direct message when the
 * session closes (if they kept the toggle on): their statements, every input
 * with its answer, their picks and remark, and the evaluations. Paged like the
 * round boards, so any session fits.
 */

const TEXT_BUDGET = 6000;

/** Renders the presenter's copy as one or more DM messages, in order. */
export function presenterCopy(session: Session, format: Format): MessagePayload[] {
  const groups: Block[][] = [];
  for (const phase of format.phases) groups.push(...phaseGroups(session, format, phase));
  if (groups.length === 0) groups.push([section('Nothing was written down in this session.')]);
  const pages = paginate(groups, { blocks: 2, text: 600 });
  const intro = (page: number, total: number): Block[] => {
    const title = session.title.trim() || 'Intervision session';
    const head: Block[] = [];
    if (page === 1) head.push(header(`Your case: ${title}`, 'copy-title'));
    head.push(
      context([
        `A private copy for you of the ${escapeText(format.name)} session in ${channelLink(session.channel)}, ${slackDate(session.createdAt, '{date_long}')}. ` +
          `Nobody else received it; everything posted in the channel was deleted.${total > 1 ? ` (Page ${page} of ${total}.)` : ''}`,
      ], 'copy-intro'),
    );
    return head;
  };
  return pages.map((blocks, i) => ({
    text: `Your private copy of the intervision session${pages.length > 1 ? ` (page ${i + 1} of ${pages.length})` : ''}`,
    blocks: [...intro(i + 1, pages.length), ...blocks],
  }));
}

/** A rounds phase's inputs as the copy shows them: each with its clarification and the presenter's answer (or pass). */
function roundsGroups(session: Session, format: Format, phase: RoundsPhase, title: Block): Block[][] {
  const inputs = inputsOf(session, phase.id);
  if (inputs.length === 0) return [];
  const labels = inputLabels(session, format, phase);
  return [
    [title],
    ...inputs.map((input) => {
      let text = `*${labels.get(input.id) ?? ''}* · ${mention(input.author)}: ${escapeBounded(input.text, TEXT_BUDGET)}`;
      if (input.clarification?.text !== undefined) text += `\n↳ *Clarification:* ${escapeBounded(input.clarification.text, 2000)}`;
      if (input.answer?.text !== undefined) text += `\n↳ *Your answer:* ${escapeBounded(input.answer.text, 3000)}`;
      else if (input.answer) text += '\n↳ _You passed on it._';
      return sections(text, `input-${input.id}`);
    }),
  ];
}

function phaseGroups(session: Session, format: Format, phase: Phase): Block[][] {
  const title = section(`*${escapeText(phase.title)}*`, `phase-${phase.id}`);
  switch (phase.kind) {
    case 'statement': {
      const text = session.statements[phase.id]?.text;
      return text === undefined ? [] : [[title, ...sections(escapeBounded(text, TEXT_BUDGET), `phase-${phase.id}-text`)]];
    }
    case 'rounds':
      return roundsGroups(session, format, phase, title);
    case 'choice': {
      const pick = session.picks[phase.id];
      if (!pick) return [];
      const lines = pick.items.map((item) => {
        const fixed = phase.options?.find((o) => o.id === item);
        if (fixed) return `• ${escapeText(fixed.label)}`;
        const input = session.inputs.find((i) => i.id === item);
        const source = phaseById(format, phase.fromPhase);
        const label = input && source?.kind === 'rounds' ? inputLabels(session, format, source).get(input.id) ?? '' : '';
        return input ? `• *${label}* · ${escapeBounded(input.text, 2000)}` : '• _(withdrawn)_';
      });
      const remark = pick.remark ? `\n*${escapeText(phase.remarkLabel ?? 'Remark')}:* ${escapeBounded(pick.remark, 2000)}` : '';
      return [[title, ...sections(`Your picks:\n${lines.join('\n')}${remark}`, `phase-${phase.id}-picks`)]];
    }
    case 'evaluation': {
      const answers = session.evaluations[phase.id] ?? {};
      const lines = evaluators(session)
        .filter((u) => answers[u] !== undefined)
        .map((u) => {
          const e = answers[u];
          const what = e?.what ? ` — ${escapeBounded(e.what, 600)}` : '';
          return `${mention(u)}: *${e ? usefulLabel(e.useful) : ''}*${what}`;
        });
      return lines.length === 0 ? [] : [[title, ...sections(lines.join('\n'), `phase-${phase.id}-answers`)]];
    }
    case 'agreement':
    case 'end':
      return [];
  }
}
