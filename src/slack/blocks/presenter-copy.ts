import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import { inputSpecOf, isNoted } from '../../engine/queries';
import type { Input, Session } from '../../engine/session';
import { channelLink, escapeBounded, escapeText, mention, slackDate } from '../escape';
import { type Block, type MessagePayload, context, header, section, sections } from './kit';
import { paginate } from './pages';
import { inputWords } from './turns';
import { evaluators, inputLabels, inputsOf, phaseById, usefulLabel } from './view-model';
import { count, trOf, type Translator } from './words';

/**
 * The presenter's private copy of their case, sent by direct message when the
 * session closes (if they kept the toggle on): their statements, every input
 * with its answer, their picks and remark, and the evaluations. Paged like the
 * round boards, so any session fits.
 */

const TEXT_BUDGET = 6000;

/** The presenter's answer as their copy shows it. */
function yourAnswer(tr: Translator, answer: NonNullable<Input['answer']>): string {
  if (answer.text === undefined) return tr('copy:passed');
  const text = escapeBounded(answer.text, 3000);
  if (!answer.spoken) return tr('copy:answer', { text });
  return answer.text === '' ? tr('copy:answeredAloud') : tr('copy:answeredAloudNoted', { note: text });
}

/** The copy's first lines on each page: the title on the first, and where it comes from. */
function intro(tr: Translator, session: Session, format: Format, page: number, total: number): Block[] {
  const title = session.title.trim() || tr('card:untitled');
  const head: Block[] = [];
  if (page === 1) head.push(header(tr('copy:title', { title }), 'copy-title'));
  const from = { format: escapeText(format.name), channel: channelLink(session.channel), date: slackDate(session.createdAt, '{date_long}') };
  head.push(context([total > 1 ? tr('copy:introPage', { ...from, page, total }) : tr('copy:intro', from)], 'copy-intro'));
  return head;
}

/** Renders the presenter's copy as one or more DM messages, in order. */
export function presenterCopy(session: Session, format: Format): MessagePayload[] {
  const tr = trOf(session);
  const groups: Block[][] = [];
  for (const phase of format.phases) groups.push(...phaseGroups(tr, session, format, phase));
  if (groups.length === 0) groups.push([section(tr('copy:nothing'))]);
  const pages = paginate(groups, { blocks: 2, text: 600 });
  return pages.map((blocks, i) => ({
    text: pages.length > 1 ? tr('copy:textPage', { page: i + 1, pages: pages.length }) : tr('copy:text'),
    blocks: [...intro(tr, session, format, i + 1, pages.length), ...blocks],
  }));
}

/** Whether the copy shows an input: something of it is in writing (its text or note, a clarification, an answer's text or note). */
function isInWriting(input: Input): boolean {
  return isNoted(input) || input.clarification?.text !== undefined || (input.answer?.text ?? '') !== '';
}

/**
 * A rounds phase in the copy: what was noted, each with its clarification and
 * the presenter's answer (or pass); on a call, how many inputs were only said aloud.
 */
function roundsGroups(tr: Translator, session: Session, format: Format, phase: RoundsPhase, title: Block): Block[][] {
  // What was noted: on a call, an input said aloud (and answered aloud, or passed on) with nothing written is only counted.
  const all = inputsOf(session, phase.id);
  const inputs = all.filter(isInWriting);
  if (all.length === 0) return [];
  const labels = inputLabels(session, format, phase);
  const unnoted = all.length - inputs.length;
  const noun = inputSpecOf(session, format, phase).noun;
  return [
    [title],
    ...inputs.map((input) => {
      let text = `*${labels.get(input.id) ?? ''}* · ${mention(input.author)}: ${inputWords(tr, input, TEXT_BUDGET)}`;
      if (input.clarification?.text !== undefined) text += `\n${tr('board:clarification', { text: escapeBounded(input.clarification.text, 2000) })}`;
      if (input.answer) text += `\n${yourAnswer(tr, input.answer)}`;
      return sections(text, `input-${input.id}`);
    }),
    ...(unnoted > 0 ? [[context([tr('copy:unnoted', { inputs: count(tr, unnoted, noun) })], `phase-${phase.id}-unnoted`)]] : []),
  ];
}

function phaseGroups(tr: Translator, session: Session, format: Format, phase: Phase): Block[][] {
  const title = section(`*${escapeText(phase.title)}*`, `phase-${phase.id}`);
  switch (phase.kind) {
    case 'statement': {
      const text = session.statements[phase.id]?.text;
      return text === undefined ? [] : [[title, ...sections(escapeBounded(text, TEXT_BUDGET), `phase-${phase.id}-text`)]];
    }
    case 'rounds':
      return roundsGroups(tr, session, format, phase, title);
    case 'choice': {
      const pick = session.picks[phase.id];
      if (!pick) return [];
      const lines = pick.items.map((item) => {
        const fixed = phase.options?.find((o) => o.id === item);
        if (fixed) return `• ${escapeText(fixed.label)}`;
        const input = session.inputs.find((i) => i.id === item);
        const source = phaseById(format, phase.fromPhase);
        const label = input && source?.kind === 'rounds' ? inputLabels(session, format, source).get(input.id) ?? '' : '';
        return input ? `• *${label}* · ${escapeBounded(input.text, 2000)}` : tr('copy:withdrawn');
      });
      if (pick.named !== undefined) lines.push(tr('copy:named', { words: escapeBounded(pick.named, 2000) }));
      const remark = pick.remark ? `\n*${escapeText(phase.remarkLabel ?? tr('step:remark'))}:* ${escapeBounded(pick.remark, 2000)}` : '';
      return [[title, ...sections(tr('copy:picks', { lines: lines.join('\n'), remark }), `phase-${phase.id}-picks`)]];
    }
    case 'evaluation': {
      const answers = session.evaluations[phase.id] ?? {};
      const lines = evaluators(session)
        .filter((u) => answers[u] !== undefined)
        .map((u) => {
          const e = answers[u];
          const what = e?.what ? ` — ${escapeBounded(e.what, 600)}` : '';
          return `${mention(u)}: *${e ? usefulLabel(session, e.useful) : ''}*${what}`;
        });
      return lines.length === 0 ? [] : [[title, ...sections(lines.join('\n'), `phase-${phase.id}-answers`)]];
    }
    case 'agreement':
    case 'end':
      return [];
  }
}
