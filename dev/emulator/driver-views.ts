/**
 * What Slack does to a person's modal stack after the app acks a
 * view_submission (response_action errors / update / push / clear, or a plain
 * ack that closes the view), and when the person closes a modal.
 */
import { MODAL_STACK_LIMIT, buildView, refuseView, replaceView } from './api-views';
import type { EmulatorPort } from './ports';
import type { EmuView, Json } from './types';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The outcome of a submission as the person sees it. */
export interface SubmissionOutcome {
  responseAction?: 'errors' | 'update' | 'push' | 'clear';
  /** Validation errors keyed by block_id, as the app sent them. */
  errors?: Record<string, string>;
}

/** Applies the app's answer to a view_submission to the stack, like Slack. */
export function applySubmissionAck(emu: EmulatorPort, user: string, view: EmuView, status: number, body: unknown): SubmissionOutcome {
  const stack = emu.ws.modalStack(user);
  // Slack keeps the modal open and shows an error when the app fails to ack.
  if (status !== 200) return {};
  const ack = isObject(body) ? body : {};
  const action = ack.response_action;
  if (action === 'errors') {
    const errors: Record<string, string> = {};
    if (isObject(ack.errors)) for (const [k, v] of Object.entries(ack.errors)) errors[k] = String(v);
    const unknown = Object.keys(errors).filter((blockId) => !view.blocks.some((b) => b.block_id === blockId && b.type === 'input'));
    if (unknown.length > 0)
      emu.recordViolation('view_submission', 'invalid_errors', unknown.map((id) => `errors names ${JSON.stringify(id)}, which is not an input block of the view`));
    return { responseAction: 'errors', errors };
  }
  if (action === 'update' || action === 'push') {
    if (refuseView(emu.context, `response_action:${action}`, ack.view)) return { responseAction: action };
    if (action === 'push' && stack.length >= MODAL_STACK_LIMIT) {
      emu.recordViolation('response_action:push', 'push_limit_reached', ['the modal stack already holds 3 views']);
      return { responseAction: action };
    }
    const next = buildView(emu.context, user, ack.view as Json, action === 'update' ? view : undefined);
    if (action === 'update') replaceView(emu.context, view, next);
    else {
      next.root_view_id = stack[0]?.id ?? next.id;
      next.previous_view_id = view.id;
      stack.push(next);
      emu.changed({ kind: 'view', user });
    }
    return { responseAction: action };
  }
  if (action === 'clear') {
    stack.splice(0, stack.length);
    emu.changed({ kind: 'view', user });
    return { responseAction: 'clear' };
  }
  removeView(emu, user, view);
  return {};
}

/** Takes a view (and everything pushed above it) off the stack. */
export function removeView(emu: EmulatorPort, user: string, view: EmuView): void {
  const stack = emu.ws.modalStack(user);
  const index = stack.indexOf(view);
  if (index >= 0) stack.splice(index, stack.length - index);
  emu.changed({ kind: 'view', user });
}

/** Closes the top view as the person's "Cancel" does; clear_on_close closes the whole stack. */
export function closeTopView(emu: EmulatorPort, user: string): { view: EmuView; cleared: boolean } | undefined {
  const stack = emu.ws.modalStack(user);
  const view = stack[stack.length - 1];
  if (!view) return undefined;
  const cleared = view.clear_on_close;
  if (cleared) stack.splice(0, stack.length);
  else stack.pop();
  emu.changed({ kind: 'view', user });
  return { view, cleared };
}
