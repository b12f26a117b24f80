import { z } from 'zod';

/**
 * The words a format speaks in: its role words and the nouns the bot builds
 * sentences around, each with every form the bot uses, so no article or
 * plural is ever guessed ("an observation", never "a observation"). Each
 * translation (the format's `translations`) fills in the same forms in its
 * own language; the sentences around them are the shell's catalogs.
 */

/** A noun with the forms the bot's sentences use. */
export const Noun = z.object({
  /** "observation", "case giver" */
  singular: z.string().min(1).max(40),
  /** "observations", "case givers" */
  plural: z.string().min(1).max(40),
  /** With the indefinite article: "an observation". */
  indefinite: z.string().min(1).max(48),
  /** With the definite article: "the observation". */
  definite: z.string().min(1).max(48),
  /** Plural with the definite article: "the observations". */
  definitePlural: z.string().min(1).max(48),
});
export type Noun = z.infer<typeof Noun>;

/** What a format calls the three roles. */
export const Roles = z.object({
  /** Who brings the case: "case giver", "case presenter". */
  presenter: Noun,
  /** Who guides the steps: "facilitator", "moderator". */
  facilitator: Noun,
  /** One of the others: "observer", "consultant", "team member". */
  member: Noun,
});
export type Roles = z.infer<typeof Roles>;

/** The role words of a format that declares none. */
export const DEFAULT_ROLES: Roles = {
  presenter: { singular: 'presenter', plural: 'presenters', indefinite: 'a presenter', definite: 'the presenter', definitePlural: 'the presenters' },
  facilitator: { singular: 'facilitator', plural: 'facilitators', indefinite: 'a facilitator', definite: 'the facilitator', definitePlural: 'the facilitators' },
  member: { singular: 'member', plural: 'members', indefinite: 'a member', definite: 'the member', definitePlural: 'the members' },
};

/** Why the facilitator may hide an input: a short label for their menu and a kind sentence for its author. */
export const HideReason = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,29}$/),
  /** Shown to the facilitator as a choice (Slack: option text <= 75). */
  label: z.string().min(1).max(75),
  /** Sent to the author, kindly: why it was taken off the board. */
  note: z.string().min(1).max(400),
});
export type HideReason = z.infer<typeof HideReason>;

/** The reasons of a format that declares none. */
export const DEFAULT_HIDE_REASONS: HideReason[] = [
  {
    id: 'off-step',
    label: "It doesn't fit what this step asks for",
    note: "It doesn't fit what this step asks for, so it is better left off the board. Nothing is lost: you are welcome to try again in a later turn.",
  },
];
