import type { types } from '@slack/bolt';
import { LIMITS, chunk, clip, nonEmpty, truncate } from '../escape';

/**
 * Small Block Kit builders that bound every string to its limit, so no
 * renderer can produce a payload Slack would reject. Text passed as `md` is
 * already-formatted mrkdwn (user text escaped by the caller); text passed as
 * plain is shown as is (Slack never parses plain_text).
 */

export type Block = types.KnownBlock;
export type Button = types.Button;
export type ActionElement = types.ActionsBlockElement;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainText = types.PlainTextElement;
export type Mrkdwn = types.MrkdwnElement;
export type Option = types.PlainTextOption;

/** A message the shell posts or updates: a notification line and its blocks. */
export interface MessagePayload {
  /** Notification and fallback text; never carries user-written content. */
  text: string;
  blocks: Block[];
}

/** Plain text bounded to `max`. */
export function plain(text: string, max: number): PlainText {
  return { type: 'plain_text', text: nonEmpty(truncate(text, max)), emoji: true };
}

/** Mrkdwn bounded to `max`; verbatim so Slack does not auto-link or auto-mention inside it. */
export function md(text: string, max: number = LIMITS.sectionText): Mrkdwn {
  return { type: 'mrkdwn', text: nonEmpty(clip(text, max)), verbatim: true };
}

/** A header with the given plain text. */
export function header(text: string, blockId?: string): Block {
  return { type: 'header', text: plain(text, LIMITS.headerText), ...(blockId ? { block_id: blockId } : {}) };
}

/** One section of mrkdwn, optionally with an accessory element. */
export function section(text: string, blockId?: string, accessory?: types.SectionBlockAccessory): Block {
  return {
    type: 'section',
    text: md(text),
    ...(blockId ? { block_id: blockId } : {}),
    ...(accessory ? { accessory } : {}),
  };
}

/** Text that may be longer than one section, split into as many sections as it needs. */
export function sections(text: string, blockIdPrefix?: string): Block[] {
  return chunk(text, LIMITS.sectionText).map((piece, i) =>
    section(piece, blockIdPrefix === undefined ? undefined : i === 0 ? blockIdPrefix : `${blockIdPrefix}-${i + 1}`),
  );
}

/** A context line (small grey text); at most 10 elements. */
export function context(texts: string[], blockId?: string): Block {
  return {
    type: 'context',
    elements: texts.slice(0, LIMITS.contextElements).map((t) => md(t, LIMITS.sectionText)),
    ...(blockId ? { block_id: blockId } : {}),
  };
}

export function divider(): Block {
  return { type: 'divider' };
}

/** An actions block with at most 25 elements; null when there is nothing to click. */
export function actions(blockId: string, elements: ActionElement[]): Block | null {
  if (elements.length === 0) return null;
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, LIMITS.actionsElements) };
}

export interface ButtonOptions {
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string; danger?: boolean };
}

/** A button; the value must already be a compact reference (see ids.ts). */
export function button(text: string, actionId: string, value: string, options: ButtonOptions = {}): Button {
  const b: Button = { type: 'button', text: plain(text, LIMITS.buttonText), action_id: actionId, value };
  if (options.style) b.style = options.style;
  if (options.confirm) {
    const c = options.confirm;
    b.confirm = {
      title: plain(c.title, LIMITS.confirmTitle),
      text: plain(c.text, LIMITS.confirmText),
      confirm: plain(c.confirm, LIMITS.confirmButton),
      deny: plain(c.deny, LIMITS.confirmButton),
      ...(c.danger ? { style: 'danger' as const } : {}),
    };
  }
  return b;
}

/**
 * A select option: text bounded to 75. The value is never cut (a cut reference
 * could name another input): callers pass ids short enough by construction.
 */
export function option(text: string, value: string, description?: string): Option {
  return {
    text: plain(text, LIMITS.optionText),
    value,
    ...(description ? { description: plain(description, LIMITS.optionDescription) } : {}),
  };
}

/** Keeps `blocks` within a surface's block count, replacing the tail by a note when it would overflow. */
export function capBlocks(blocks: Block[], max: number, note: string): Block[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context([note])];
}

/** The text of every text object inside blocks, summed, as Slack counts it toward `msg_blocks_too_long`. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v: unknown) => sum + blockTextLength(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  const record = value as Record<string, unknown>;
  let sum = 0;
  if ((record.type === 'plain_text' || record.type === 'mrkdwn') && typeof record.text === 'string') {
    sum += record.text.length;
  }
  for (const [key, child] of Object.entries(record)) {
    if (key !== 'text' || typeof child !== 'string') sum += blockTextLength(child);
  }
  return sum;
}
