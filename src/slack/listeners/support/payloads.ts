import { z } from 'zod';
import { withoutControlCharacters } from '../../../engine/text';
import { type ActionRef, parseAction } from '../../ids';

/**
 * What the listeners read from Slack's payloads, parsed with zod at the edge.
 * Everything else in a payload is ignored. A reference (button value,
 * private_metadata) only says what the person looked at; the engine decides
 * whether they may act on it.
 */

const id = z.string().min(1).max(255);
/**
 * A person's Slack user id. Only Slack's shape is accepted, so a payload can
 * never act as the scheduler ("system") or as something that is not a person.
 */
const userId = z.string().regex(/^[UW][A-Z0-9]{2,30}$/);

const option = z.object({ value: z.string().max(2000) });

/** One element's value as `state.values[block][action]` holds it (only the fields read here). */
const stateValue = z
  .object({
    type: z.string().optional(),
    // Any length (the request guard bounds the body): a text over its field's limit is refused on that field, by the rule that sets the limit.
    value: z.string().nullish(),
    selected_option: option.nullish(),
    selected_options: z.array(option).max(100).nullish(),
    selected_user: z.string().nullish(),
    selected_users: z.array(z.string()).max(1000).nullish(),
    selected_date: z.string().max(20).nullish(),
    selected_conversation: z.string().max(255).nullish(),
  })
  .loose();
export type StateValue = z.infer<typeof stateValue>;

const stateValues = z.record(z.string(), z.record(z.string(), stateValue));
export type StateValues = z.infer<typeof stateValues>;

const clickBody = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: userId }),
  trigger_id: z.string().optional(),
  actions: z
    .array(
      z
        .object({
          action_id: id,
          block_id: z.string().optional(),
          value: z.string().max(2000).optional(),
          selected_option: option.nullish(),
          selected_options: z.array(option).nullish(),
        })
        .loose(),
    )
    .min(1),
  container: z.object({ channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional() }).loose().optional(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).loose().optional(),
  state: z.object({ values: stateValues }).optional(),
  view: z.object({ id, hash: z.string().optional(), private_metadata: z.string().max(3000).optional(), state: z.object({ values: stateValues }).optional() }).loose().optional(),
});

/** A click (button, menu, overflow) as the listeners use it. */
export interface Click {
  user: string;
  actionId: string;
  /** The button's value, or the chosen option's value for menus and overflows. */
  value: string | undefined;
  /** The reference drawn into the value (null when it is not one of ours). */
  ref: ActionRef | null;
  triggerId: string | undefined;
  /** Where the clicked message is (absent for modals and the Home tab). */
  channel: string | undefined;
  /** The thread of the clicked message, so an ephemeral answer appears beside it. */
  threadTs: string | undefined;
  /** Values of the message's (or modal's) inputs and menus at the time of the click. */
  state: StateValues;
  /** Set when the click happened in a modal. */
  view: { id: string; hash: string | undefined; privateMetadata: string | undefined } | undefined;
  /** Idempotency key: the same drawn button clicked twice is one command. */
  commandId: string;
}

/** Parses a block_actions body; null when it is not one. */
export function parseClick(body: unknown): Click | null {
  const parsed = clickBody.safeParse(body);
  if (!parsed.success) return null;
  const b = parsed.data;
  const action = b.actions[0];
  if (!action) return null;
  const selected = action.selected_option?.value;
  const value = action.value ?? selected;
  const channel = b.channel?.id ?? b.container?.channel_id;
  const messageTs = b.message?.ts ?? b.container?.message_ts;
  const threadTs = b.message?.thread_ts ?? b.container?.thread_ts ?? undefined;
  return {
    user: b.user.id,
    actionId: action.action_id,
    value,
    ref: parseAction(value),
    triggerId: b.trigger_id,
    channel,
    threadTs: threadTs !== undefined && threadTs !== messageTs ? threadTs : undefined,
    state: b.state?.values ?? b.view?.state?.values ?? {},
    view: b.view ? { id: b.view.id, hash: b.view.hash, privateMetadata: b.view.private_metadata } : undefined,
    commandId: `${b.user.id}:${action.action_id}:${action.value ?? ''}${selected ?? ''}`,
  };
}

const submissionBody = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: userId }),
  view: z
    .object({
      id,
      callback_id: z.string(),
      // Any length: a reference that is not one of ours (too long included) is the form's own "out of date", on its field.
      private_metadata: z.string().optional(),
      blocks: z.array(z.object({ type: z.string(), block_id: z.string().optional() }).loose()).optional(),
      state: z.object({ values: stateValues }),
    })
    .loose(),
});

/** A modal submission as the listeners use it. */
export interface Submission {
  user: string;
  viewId: string;
  callbackId: string;
  privateMetadata: string | undefined;
  values: ViewValues;
  /** Block ids of the modal's input blocks, in order (errors may only name these). */
  inputBlocks: string[];
  /** Idempotency key: one modal is one command, however often it is submitted. */
  commandId: string;
}

/** Parses a view_submission body; null when it is not one. */
export function parseSubmission(body: unknown): Submission | null {
  const parsed = submissionBody.safeParse(body);
  if (!parsed.success) return null;
  const { user, view } = parsed.data;
  return {
    user: user.id,
    viewId: view.id,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: new ViewValues(view.state.values),
    inputBlocks: (view.blocks ?? []).filter((b) => b.type === 'input' && b.block_id).map((b) => String(b.block_id)),
    commandId: `view:${view.id}`,
  };
}

const inputBlock = z.object({ type: z.literal('input'), block_id: z.string().min(1).max(255) }).loose();
const viewBlocks = z.object({ view: z.object({ blocks: z.array(z.unknown()) }).loose() }).loose();

/**
 * The input blocks of the modal a submission came from, read from a body
 * parseSubmission could not read, so the person can still be told so on a
 * field (errors may only name input blocks).
 */
export function inputBlocksOf(body: unknown): string[] {
  const parsed = viewBlocks.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.view.blocks.flatMap((block) => {
    const input = inputBlock.safeParse(block);
    return input.success ? [input.data.block_id] : [];
  });
}

/** Typed reads of `state.values`: each returns undefined when the field is absent or empty. */
export class ViewValues {
  constructor(readonly raw: StateValues) {}

  private entry(block: string, action: string): StateValue | undefined {
    return this.raw[block]?.[action];
  }

  /** A text or number input's value, without control characters: every text a person writes in a modal enters here. */
  text(block: string, action: string): string | undefined {
    const value = this.entry(block, action)?.value;
    return value === null || value === undefined ? undefined : withoutControlCharacters(value);
  }

  /** A whole number from a number input; NaN when it is not one. */
  integer(block: string, action: string): number | undefined {
    const text = this.text(block, action);
    if (text === undefined || text.trim() === '') return undefined;
    return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  }

  /** The chosen option of a select or radio group. */
  option(block: string, action: string): string | undefined {
    return this.entry(block, action)?.selected_option?.value ?? undefined;
  }

  /** The chosen options of a multi-select or checkbox group. */
  options(block: string, action: string): string[] {
    return (this.entry(block, action)?.selected_options ?? []).map((o) => o.value);
  }

  /** The person chosen in a user picker. */
  user(block: string, action: string): string | undefined {
    return this.entry(block, action)?.selected_user ?? undefined;
  }

  /** The date chosen in a date picker ("YYYY-MM-DD", as Slack sends it; the engine checks it). */
  date(block: string, action: string): string | undefined {
    return this.entry(block, action)?.selected_date ?? undefined;
  }

  /** The people chosen in a multi-user picker. */
  users(block: string, action: string): string[] {
    return this.entry(block, action)?.selected_users ?? [];
  }

  /** The conversation chosen in a conversation picker (an id as the client sent it: check it before use). */
  conversation(block: string, action: string): string | undefined {
    return this.entry(block, action)?.selected_conversation ?? undefined;
  }
}

const commandBody = z.object({
  user_id: userId,
  channel_id: id,
  trigger_id: z.string().optional(),
  text: z.string().max(4000).default(''),
  // Slack always sends one; without it there is no way to answer (Bolt gives no respond()).
  response_url: z.string().min(1),
});

/** A slash command as the session subcommands use it. */
export type SlashCommand = z.infer<typeof commandBody>;

/** Parses a slash command body; null when it is not one. */
export function parseSlashCommand(body: unknown): SlashCommand | null {
  const parsed = commandBody.safeParse(body);
  return parsed.success ? parsed.data : null;
}
