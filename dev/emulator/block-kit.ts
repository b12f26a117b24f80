/**
 * Block Kit limits as pure functions: given a message, a view or a list of
 * blocks, list every rule Slack would reject it for. An empty list means Slack
 * would accept it. The emulator fails its Web API calls with these; renderers'
 * unit tests can call them directly.
 */
import { BLOCK_KIT_LIMITS as L, type BlockKitViolation, Findings, charCount, checkId, checkString, checkText, isObject } from './block-kit-core';
import { type Surface, walkBlocks } from './block-kit-blocks';

export { BLOCK_KIT_LIMITS } from './block-kit-core';
export type { BlockKitError, BlockKitViolation } from './block-kit-core';
export type { Surface } from './block-kit-blocks';

/** A message as chat.postMessage / chat.update / response_url take it. */
export interface MessageShape {
  text?: unknown;
  blocks?: unknown;
}

/** Formats a violation for people: "<json pointer>: <problem>". */
export function describeViolation(v: BlockKitViolation): string {
  return `${v.path || '/'}: ${v.problem}`;
}

/** All violations of a message, with the Slack error each would cause. */
export function inspectMessage(message: MessageShape): BlockKitViolation[] {
  const f = new Findings();
  if (message.text !== undefined && message.text !== null) {
    if (typeof message.text !== 'string') f.add('/text', 'must be a string', 'invalid_arguments');
    else {
      const n = charCount(message.text);
      if (n > L.messageText) f.add('/text', `must be at most ${L.messageText} characters (is ${n})`, 'msg_too_long');
    }
  }
  if (message.blocks !== undefined && message.blocks !== null) {
    walkBlocks(f, message.blocks, 'message', '/blocks');
    if (f.textTotal > L.totalBlockText)
      f.add('/blocks', `text in blocks must total at most ${L.totalBlockText} characters (is ${f.textTotal})`, 'msg_blocks_too_long');
  }
  return f.list;
}

/** All violations of a view (a modal or a Home tab), with the Slack error each would cause. */
export function inspectView(view: unknown): BlockKitViolation[] {
  const f = new Findings();
  if (!isObject(view)) {
    f.add('/view', 'must be a view object', 'invalid_arguments');
    return f.list;
  }
  const type = view.type;
  if (type !== 'modal' && type !== 'home') {
    f.add('/view/type', `must be modal or home (is ${JSON.stringify(type)})`, 'invalid_arguments');
    return f.list;
  }
  if (type === 'modal') {
    checkText(f, view, 'title', '/view', L.modalTitle, 'plain_text', true);
    checkText(f, view, 'submit', '/view', L.modalButton, 'plain_text');
    checkText(f, view, 'close', '/view', L.modalButton, 'plain_text');
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObject(b) && b.type === 'input');
    if (hasInput && view.submit === undefined) f.add('/view/submit', 'is required when the view has input blocks');
  }
  checkString(f, view, 'private_metadata', '/view', L.privateMetadata);
  checkId(f, view, 'callback_id', '/view');
  checkId(f, view, 'external_id', '/view');
  if (view.blocks === undefined) f.add('/view/blocks', 'is required');
  else walkBlocks(f, view.blocks, type, '/view/blocks');
  const bytes = Buffer.byteLength(JSON.stringify(view), 'utf8');
  if (bytes > L.viewBytes) f.add('/view', `must be at most ${L.viewBytes} bytes as JSON (is ${bytes})`, 'view_too_large');
  return f.list;
}

/** All violations of a bare list of blocks on the given surface. */
export function inspectBlocks(blocks: unknown, surface: Surface): BlockKitViolation[] {
  const f = new Findings();
  walkBlocks(f, blocks, surface, '/blocks');
  if (surface === 'message' && f.textTotal > L.totalBlockText)
    f.add('/blocks', `text in blocks must total at most ${L.totalBlockText} characters (is ${f.textTotal})`, 'msg_blocks_too_long');
  return f.list;
}

/** Human-readable reasons Slack would reject this message; empty when it is fine. */
export function checkMessage(message: MessageShape): string[] {
  return inspectMessage(message).map(describeViolation);
}

/** Human-readable reasons Slack would reject this view (modal or Home tab); empty when it is fine. */
export function checkView(view: unknown): string[] {
  return inspectView(view).map(describeViolation);
}

/** Human-readable reasons Slack would reject these blocks on `surface` (default: the Home tab). */
export function checkBlocks(blocks: unknown, surface: Surface = 'home'): string[] {
  return inspectBlocks(blocks, surface).map(describeViolation);
}

/**
 * The one Slack error a list of violations produces (a call fails with one code).
 * Length errors win over structural ones only when nothing else is wrong.
 */
export function errorFor(violations: readonly BlockKitViolation[]): BlockKitViolation['error'] | undefined {
  const order: BlockKitViolation['error'][] = [
    'invalid_arguments',
    'invalid_blocks_format',
    'msg_too_long',
    'view_too_large',
    'invalid_blocks',
    'msg_blocks_too_long',
  ];
  return order.find((code) => violations.some((v) => v.error === code));
}
