import { z } from 'zod';

/**
 * The shape of an intervision format: a list of phases as data.
 * Adding a format means adding one JSON file in this folder; nothing else.
 */

/** Who acts in a phase. */
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

/** What a member writes in a rounds phase: the noun, the button label, the hint in the modal. */
export const InputSpec = z.object({
  /** Singular noun used in messages: "question", "compliment", "tip", "observation". */
  noun: z.string().min(1).max(30),
  /** Button label, e.g. "Ask a question" (Slack: button text <= 75). */
  label: z.string().min(1).max(40),
  /** Guidance shown as the modal's hint (Slack: hint <= 2000). */
  hint: z.string().min(1).max(300),
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
  /** Cap on rounds; unset means rounds repeat until a whole round was passes. */
  maxRounds: z.number().int().min(1).max(10).optional(),
});

/** An option the presenter may choose from a fixed list (e.g. consultation methods). */
export const ChoiceOption = z.object({
  id,
  label: z.string().min(1).max(60),
  description: z.string().max(200).optional(),
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

export const Format = z
  .object({
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
    phases: z.array(Phase).min(2).max(12),
  })
  .superRefine((format, ctx) => {
    const seen = new Set<string>();
    format.phases.forEach((phase, index) => {
      if (seen.has(phase.id)) {
        ctx.addIssue({ code: 'custom', path: ['phases', index, 'id'], message: `duplicate phase id "${phase.id}"` });
      }
      if (phase.kind === 'choice') {
        const hasFrom = phase.fromPhase !== undefined;
        const hasOptions = phase.options !== undefined;
        if (hasFrom === hasOptions) {
          ctx.addIssue({ code: 'custom', path: ['phases', index], message: 'a choice needs exactly one of fromPhase or options' });
        }
        if (hasFrom) {
          const source = format.phases.findIndex((p) => p.id === phase.fromPhase);
          const sourcePhase = format.phases[source];
          if (source < 0 || source >= index || sourcePhase?.kind !== 'rounds') {
            ctx.addIssue({ code: 'custom', path: ['phases', index, 'fromPhase'], message: 'fromPhase must name an earlier rounds phase' });
          }
        }
        if (phase.min > phase.max) {
          ctx.addIssue({ code: 'custom', path: ['phases', index, 'min'], message: 'min must not exceed max' });
        }
      }
      seen.add(phase.id);
    });
    const last = format.phases[format.phases.length - 1];
    if (last?.kind !== 'end') {
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'the last phase must be of kind "end"' });
    }
    if (format.phases.filter((p) => p.kind === 'end').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'exactly one phase of kind "end"' });
    }
  });
export type Format = z.infer<typeof Format>;
