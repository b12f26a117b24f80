import type { Format, Phase, RoundsPhase } from '../../engine/formats/schema';
import { inputSpecOf, isNoted } from '../../engine/queries';
import type { Input, Session } from '../../engine/session';
import { channelLink, escapeBounded, escapeText, mention, slackDate } from '../escape';
import { type Block, type MessagePayload, context, header, section, sections } from './kit';
import { paginate } from './pages';
import { inputWords } from './turns';
import { count, evaluators, inputLabels, inputsOf, phaseById, usefulLabel } from './view-model';

/**
 * The presenter's private copy of their case, sent by direct message when the
 * session closes (if they kept the toggle on): their statements, every input
 * with its answer, their picks and remark, and the evaluations. Paged like the
 * round boards, so any session fits.
 */

const TEXT_BUDGET = 6000;

/** The copy's words for what was said aloud on a call. */
const COPY_WORDS = {
  /** `inputs`: how many, in the format's words ("1 question"). */
  unnoted: (inputs: string) => `Said aloud and not noted: ${inputs}.`,
  clarification: (text: string) => `↳ *Clarification:* ${text}`,
  passed: '↳ _You passed on it._',
  named: (words: string) => `• In your own words: ${words}`,
  answer: (text: string) => `↳ *Your answer:* ${text}`,
  answeredAloud: '↳ _You answered aloud._',
  answeredAloudNoted: (note: string) => `↳ *You answered aloud*, note: ${note}`,
} as const;

/** The presenter's answer as their copy shows it. */
function yourAnswer(answer: NonNullable<Input['answer']>): string {
  if (answer.text === undefined) return COPY_WORDS.passed;
  const text = escapeBounded(answer.text, 3000);
  if (!answer.spoken) return COPY_WORDS.answer(text);
  return answer.text === '' ? COPY_WORDS.answeredAloud : COPY_WORDS.answeredAloudNoted(text);
}

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

/** Whether the copy shows an input: something of it is in writing (its text or note, a clarification, an answer's text or note). */
function isInWriting(input: Input): boolean {
  return isNoted(input) || input.clarification?.text !== undefined || (input.answer?.text ?? '') !== '';
}

/**
 * A rounds phase in the copy: what was noted, each with its clarification and
 * the presenter's answer (or pass); on a call, how many inputs were only said aloud.
 */
function roundsGroups(session: Session, format: Format, phase: RoundsPhase, title: Block): Block[][] {
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
      let text = `*${labels.get(input.id) ?? ''}* · ${mention(input.author)}: ${inputWords(input, TEXT_BUDGET)}`;
      if (input.clarification?.text !== undefined) text += `\n${COPY_WORDS.clarification(escapeBounded(input.clarification.text, 2000))}`;
      if (input.answer) text += `\n${yourAnswer(input.answer)}`;
      return sections(text, `input-${input.id}`);
    }),
    ...(unnoted > 0 ? [[context([COPY_WORDS.unnoted(count(unnoted, noun))], `phase-${phase.id}-unnoted`)]] : []),
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
      if (pick.named !== undefined) lines.push(COPY_WORDS.named(escapeBounded(pick.named, 2000)));
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
