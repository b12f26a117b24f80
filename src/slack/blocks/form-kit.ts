import type { types } from '@slack/bolt';
import { LIMITS } from '../escape';
import { type Block, option, plain } from './kit';

/** The builders of modal form fields: an input block around an element, a number input, a checkbox. */

/** The option value of a single checkbox that is ticked. */
export const CHECKED = 'yes';

/** An input block around one element. */
export function input(
  blockId: string,
  label: string,
  element: types.InputBlockElement,
  options: { optional?: boolean; hint?: string; dispatch?: boolean } = {},
): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, LIMITS.label),
    element,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint, LIMITS.hint) } : {}),
    ...(options.dispatch ? { dispatch_action: true } : {}),
  };
}

export function numberInput(actionId: string, initial: number, min: number, max: number): types.NumberInput {
  const value = Math.min(max, Math.max(min, Math.round(initial)));
  return {
    type: 'number_input',
    action_id: actionId,
    is_decimal_allowed: false,
    initial_value: String(value),
    min_value: String(min),
    max_value: String(max),
  };
}

export function checkbox(actionId: string, label: string, checked: boolean): types.Checkboxes {
  const box = option(label, CHECKED);
  return { type: 'checkboxes', action_id: actionId, options: [box], ...(checked ? { initial_options: [box] } : {}) };
}
