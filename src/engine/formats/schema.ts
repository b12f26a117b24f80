import { z } from 'zod';
import type { Language } from '../session';
import { TextTree, textsOf, translationGaps, withTexts } from './translations';
import { DEFAULT_HIDE_REASONS, DEFAULT_ROLES, HideReason, Noun, Roles } from './words';

export { Noun, Roles, HideReason } from './words';

/**
 * The shape of an intervision format: a list of phases as data.
 * Adding a format means adding one JSON file in this folder; nothing else.
 */

/**
 * Who acts in a phase. In a rounds phase "everyone" is every participant:
 * the presenter first, the members, and a facilitator who is not a member.
 */
export const Actor = z.enum(['presenter', 'members', 'everyone']);
export type Actor = z.infer<typeof Actor>;

const id = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z][a-z0-9-]*$/, 'ids are lower-case words joined by dashes');

/** Default time limits: minutes in a live session, hours in an asynchronous one. */
export const Timebox = z.object({
  liveMinutes: z.number().int().min(1).max(120),
  asyncHours: z.number().int().min(1).max(168),
});
export type Timebox = z.infer<typeof Timebox>;

/** What a member writes in a rounds phase, in words: the noun, the button label, the hint in the modal. */
export const InputWords = z.object({
  /** The noun messages use: "question", "compliment", "tip", "observation", with its forms. */
  noun: Noun,
  /** Button label, e.g. "Ask a question" (Slack: button text <= 75). */
  label: z.string().min(1).max(40),
  /** Guidance shown as the modal's hint (Slack: hint <= 2000). */
  hint: z.string().min(1).max(600),
  /** The hint in an asynchronous session, where only what was written can be observed; `hint` when absent. */
  asyncHint: z.string().min(1).max(600).optional(),
});
export type InputWords = z.infer<typeof InputWords>;

/** What a member writes in a rounds phase: its words and how long it may be. */
export const InputSpec = InputWords.extend({
  /** Longest input accepted (Slack: plain_text_input max_length <= 3000). */
  maxLength: z.number().int().min(20).max(2000),
});
export type InputSpec = z.infer<typeof InputSpec>;

const base = {
  id,
  /** Short title (Slack header <= 150). */
  title: z.string().min(1).max(60),
  /** One paragraph shown to participants at the start of the phase. */
  instruction: z.string().min(1).max(1200),
  actor: Actor,
  timebox: Timebox,
};

/** The presenter speaks: a case story, a key question. They may write it down or tell it live. */
export const StatementPhase = z.object({
  ...base,
  kind: z.literal('statement'),
  actor: z.literal('presenter'),
  /** Whether the presenter must write the statement ("required") or may tell it live ("optional"). */
  text: z.enum(['optional', 'required']),
  /** Label of the presenter's write button and modal field, e.g. "Write your case". */
  textLabel: z.string().min(1).max(40),
  maxLength: z.number().int().min(20).max(3000),
});

/** Every participant confirms the confidentiality agreement. */
export const AgreementPhase = z.object({
  ...base,
  kind: z.literal('agreement'),
  actor: z.literal('everyone'),
  /** The agreement's words, shown with the "I agree" button. */
  agreement: z.string().min(1).max(600),
});

/** Members (or everyone) give one input at a time, in rounds, with "I pass" allowed. */
export const RoundsPhase = z.object({
  ...base,
  kind: z.literal('rounds'),
  actor: z.enum(['members', 'everyone']),
  input: InputSpec,
  /** The presenter answers each input (factual and comprehension questions). */
  answerable: z.boolean().default(false),
  /** In an answerable phase, the presenter may pass on a question instead of answering it. */
  answerPass: z.boolean().default(false),
  /** Cap on rounds; unset means rounds repeat until a whole round was passes. */
  maxRounds: z.number().int().min(1).max(10).optional(),
  /** Earlier statement or choice phases whose outcome the prompt shows (the key question, the method, the picks). */
  recall: z.array(id).max(3).optional(),
  /** An earlier choice among options: the option chosen there may name the input ("hypothesis", "idea"). */
  inputFrom: id.optional(),
});

/** An option the presenter may choose from a fixed list (e.g. consultation methods). */
export const ChoiceOption = z.object({
  id,
  label: z.string().min(1).max(60),
  description: z.string().max(200).optional(),
  /** The words of a later phase's input when this option is chosen (that phase names this choice in `inputFrom`). */
  input: InputWords.optional(),
});

/** The presenter picks 1..max items: inputs of an earlier phase, or fixed options. */
export const ChoicePhase = z.object({
  ...base,
  kind: z.literal('choice'),
  actor: z.literal('presenter'),
  /** Pick among the inputs of this earlier phase ... */
  fromPhase: id.optional(),
  /** ... or among these fixed options. */
  options: z.array(ChoiceOption).min(2).max(20).optional(),
  /** What one of the options is called ("method"); the bot's generic word when absent. */
  noun: Noun.optional(),
  min: z.number().int().min(1).max(10),
  max: z.number().int().min(1).max(10),
  /** Label of the pick menu, e.g. "Your most useful tips". */
  pickLabel: z.string().min(1).max(40),
  /** An optional remark the presenter may add ("what I take away"); absent means none is asked. */
  remarkLabel: z.string().min(1).max(40).optional(),
});

/** The presenter first, then every member: was this useful, and what specifically? */
export const EvaluationPhase = z.object({
  ...base,
  kind: z.literal('evaluation'),
  actor: z.literal('everyone'),
  question: z.string().min(1).max(120),
  /** Question put to the members (the presenter gets `question`). */
  memberQuestion: z.string().min(1).max(120),
  presenterFirst: z.boolean().default(true),
});

/** The exercise has ended; nothing more happens until the facilitator closes. */
export const EndPhase = z.object({
  ...base,
  kind: z.literal('end'),
  /** The format's own line once it has ended, for the card ("The consultation has ended. The case stays in this group."). */
  ended: z.string().min(1).max(200),
});

export const Phase = z.discriminatedUnion('kind', [
  StatementPhase,
  AgreementPhase,
  RoundsPhase,
  ChoicePhase,
  EvaluationPhase,
  EndPhase,
]);
export type Phase = z.infer<typeof Phase>;
export type PhaseKind = Phase['kind'];
export type RoundsPhase = z.infer<typeof RoundsPhase>;
export type StatementPhase = z.infer<typeof StatementPhase>;
export type ChoicePhase = z.infer<typeof ChoicePhase>;
export type EvaluationPhase = z.infer<typeof EvaluationPhase>;
export type AgreementPhase = z.infer<typeof AgreementPhase>;
export type EndPhase = z.infer<typeof EndPhase>;

/** Fewest members a session starts with unless its format says otherwise: one voice alone is not a peer group. */
export const MIN_MEMBERS = 2;

/** Where a problem was found, and what it is. */
type Issue = { path: Array<string | number>; message: string };

/** The index of the phase with this id, if it comes before `index`; -1 otherwise. */
function earlier(phases: readonly Phase[], id: string | undefined, index: number): number {
  const found = phases.findIndex((p) => p.id === id);
  return found >= 0 && found < index ? found : -1;
}

/** What is wrong with a choice phase: its source, its range. */
function choiceIssues(phases: readonly Phase[], phase: ChoicePhase, index: number): Issue[] {
  const issues: Issue[] = [];
  const hasFrom = phase.fromPhase !== undefined;
  if (hasFrom === (phase.options !== undefined)) issues.push({ path: ['phases', index], message: 'a choice needs exactly one of fromPhase or options' });
  if (hasFrom && phases[earlier(phases, phase.fromPhase, index)]?.kind !== 'rounds') {
    issues.push({ path: ['phases', index, 'fromPhase'], message: 'fromPhase must name an earlier rounds phase' });
  }
  if (phase.min > phase.max) issues.push({ path: ['phases', index, 'min'], message: 'min must not exceed max' });
  return issues;
}

/** What is wrong with a rounds phase: what it recalls, where its input's words come from, passes without answers. */
function roundsIssues(phases: readonly Phase[], phase: RoundsPhase, index: number): Issue[] {
  const issues: Issue[] = [];
  for (const recalled of phase.recall ?? []) {
    const kind = phases[earlier(phases, recalled, index)]?.kind;
    if (kind !== 'statement' && kind !== 'choice') issues.push({ path: ['phases', index, 'recall'], message: `recall "${recalled}" must name an earlier statement or choice phase` });
  }
  if (phase.inputFrom !== undefined) {
    const source = phases[earlier(phases, phase.inputFrom, index)];
    if (source?.kind !== 'choice' || source.options === undefined) {
      issues.push({ path: ['phases', index, 'inputFrom'], message: 'inputFrom must name an earlier choice among options' });
    }
  }
  if (phase.answerPass && !phase.answerable) issues.push({ path: ['phases', index, 'answerPass'], message: 'answerPass needs answerable' });
  return issues;
}

/** Every problem of a format's phase list, in order. */
function formatIssues(phases: readonly Phase[]): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  phases.forEach((phase, index) => {
    if (seen.has(phase.id)) issues.push({ path: ['phases', index, 'id'], message: `duplicate phase id "${phase.id}"` });
    seen.add(phase.id);
    if (phase.kind === 'choice') issues.push(...choiceIssues(phases, phase, index));
    if (phase.kind === 'rounds') issues.push(...roundsIssues(phases, phase, index));
  });
  if (phases[phases.length - 1]?.kind !== 'end') issues.push({ path: ['phases'], message: 'the last phase must be of kind "end"' });
  if (phases.filter((p) => p.kind === 'end').length !== 1) issues.push({ path: ['phases'], message: 'exactly one phase of kind "end"' });
  return issues;
}

/** A format in one language: its fields, each text within its limit (the English file, and each translation applied to it). */
export const FormatBase = z.object({
  id,
  /** Display name (Slack option text <= 75). */
  name: z.string().min(1).max(50),
  /** One line shown in the format menu (Slack option description <= 75). */
  summary: z.string().min(1).max(75),
  /** Whether the facilitator usually takes part as a member (the modal's default). */
  facilitatorIsMemberByDefault: z.boolean(),
  /** Order in menus (lower first). */
  order: z.number().int().min(0).max(1000),
  /** Fewest members who must have confirmed the agreement to start (default MIN_MEMBERS). */
  minMembers: z.number().int().min(1).max(30).optional(),
  /** What the format calls its roles; the bot uses these words everywhere people read. */
  roles: Roles.default(DEFAULT_ROLES),
  /** Why the facilitator may hide an input that breaks a phase's rule (1..10). */
  hideReasons: z.array(HideReason).min(1).max(10).default(DEFAULT_HIDE_REASONS),
  phases: z.array(Phase).min(2).max(12),
});

/** The languages a format is translated into: every language the bot speaks but English, the language of its fields. */
export type TranslatedLanguage = Exclude<Language, 'en'>;

/** Every text of the format in each other language, in the shape of its English texts (translations.ts). */
export const Translations = z.object({ de: TextTree, nl: TextTree } satisfies Record<TranslatedLanguage, unknown>).strict();

/** What is wrong with one language's translation: a text missing or unknown, or a text beyond its field's limit. */
function translationIssues(format: z.infer<typeof FormatBase>, language: string, translation: TextTree): Issue[] {
  const where = ['translations', language];
  const { missing, extra } = translationGaps(textsOf(format), translation);
  const issues: Issue[] = [
    ...missing.map((path) => ({ path: where, message: `the translation lacks "${path}"` })),
    ...extra.map((path) => ({ path: where, message: `"${path}" is not a text of the format` })),
  ];
  if (issues.length > 0) return issues;
  const localized = FormatBase.safeParse(withTexts(format, translation));
  return localized.success ? [] : localized.error.issues.map((issue) => ({ path: [...where, ...issue.path.map(String)], message: issue.message }));
}

export const Format = FormatBase.extend({ translations: Translations }).superRefine((format, ctx) => {
  for (const issue of formatIssues(format.phases)) ctx.addIssue({ code: 'custom', ...issue });
  const reasons = format.hideReasons.map((r) => r.id);
  if (new Set(reasons).size !== reasons.length) ctx.addIssue({ code: 'custom', path: ['hideReasons'], message: 'hide reason ids must be unique' });
  for (const [language, translation] of Object.entries(format.translations)) {
    for (const issue of translationIssues(format, language, translation)) ctx.addIssue({ code: 'custom', ...issue });
  }
});
export type Format = z.infer<typeof Format>;

/** The format in `language`: its own texts for English, its translation's for the others. Pure; the same object for English. */
export function formatIn(format: Format, language: Language): Format {
  return language === 'en' ? format : withTexts(format, format.translations[language]);
}
