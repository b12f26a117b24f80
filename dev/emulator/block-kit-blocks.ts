/**
 * Block Kit block checks: one function per block type, plus the walk over a
 * surface's blocks that enforces block_id uniqueness and the block count.
 */
import { BLOCK_KIT_LIMITS as L, type Findings, type Json, checkArray, checkId, checkString, checkText, checkTextObject, isObject } from './block-kit-core';
import { checkElement, checkImageElement, type ElementPlace } from './block-kit-elements';

/** The surfaces blocks can live on; each has its own block count and allowed block types. */
export type Surface = 'message' | 'modal' | 'home';

/** Block types Slack knows, and the surfaces each may appear on. */
const BLOCK_SURFACES: Record<string, readonly Surface[]> = {
  section: ['message', 'modal', 'home'],
  divider: ['message', 'modal', 'home'],
  header: ['message', 'modal', 'home'],
  image: ['message', 'modal', 'home'],
  actions: ['message', 'modal', 'home'],
  context: ['message', 'modal', 'home'],
  input: ['message', 'modal', 'home'],
  rich_text: ['message', 'modal', 'home'],
  video: ['message', 'modal', 'home'],
  file: ['message'],
  markdown: ['message'],
  table: ['message'],
};

/** Checks a list of blocks for one surface; `path` is the JSON pointer of the array. */
export function walkBlocks(f: Findings, blocks: unknown, surface: Surface, path: string): void {
  if (!Array.isArray(blocks)) {
    f.add(path, 'must be an array of blocks', 'invalid_blocks_format');
    return;
  }
  const max = surface === 'message' ? L.messageBlocks : L.viewBlocks;
  if (blocks.length > max) f.add(path, `must have at most ${max} blocks on a ${surface} (has ${blocks.length})`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `${path}/${i}`;
    if (!isObject(block)) return f.add(at, 'must be a block object');
    const blockId = checkId(f, block, 'block_id', at);
    if (blockId !== undefined) {
      if (blockIds.has(blockId)) f.add(`${at}/block_id`, `block_id ${JSON.stringify(blockId)} is used twice on this ${surface}`);
      blockIds.add(blockId);
    }
    checkBlock(f, block, at, surface);
  });
}

function checkBlock(f: Findings, block: Json, at: string, surface: Surface): void {
  const type = block.type;
  const surfaces = typeof type === 'string' ? BLOCK_SURFACES[type] : undefined;
  if (typeof type !== 'string' || surfaces === undefined) {
    f.add(`${at}/type`, `unknown block type ${JSON.stringify(type)}`);
    return;
  }
  if (!surfaces.includes(surface)) f.add(`${at}/type`, `${type} blocks are not allowed on a ${surface}`);
  switch (type) {
    case 'section':
      return checkSection(f, block, at);
    case 'header':
      checkText(f, block, 'text', at, L.headerText, 'plain_text', true);
      return;
    case 'image':
      checkImageElement(f, block, at);
      checkText(f, block, 'title', at, L.imageTitle, 'plain_text');
      return;
    case 'actions':
      return checkElements(f, block, at, 'actions', L.actionsElements);
    case 'context':
      return checkContext(f, block, at);
    case 'input':
      return checkInput(f, block, at);
    case 'markdown': {
      const text = checkString(f, block, 'text', at, L.markdownText, true);
      if (text !== undefined) f.textTotal += text.length;
      return;
    }
    case 'rich_text':
      checkArray(f, block, 'elements', at, 1, Number.MAX_SAFE_INTEGER);
      f.textTotal += richTextLength(block.elements);
      return;
    case 'video':
      for (const key of ['video_url', 'thumbnail_url', 'alt_text']) checkString(f, block, key, at, L.url, true);
      checkText(f, block, 'title', at, 200, 'plain_text', true);
      return;
    default:
      return;
  }
}

function checkSection(f: Findings, block: Json, at: string): void {
  if (block.text === undefined && block.fields === undefined) f.add(at, 'a section needs text or fields');
  checkText(f, block, 'text', at, L.sectionText, 'any');
  if (block.fields !== undefined) {
    checkArray(f, block, 'fields', at, 1, L.sectionFields).forEach((field, i) => {
      const fp = `${at}/fields/${i}`;
      if (!isObject(field)) return f.add(fp, 'must be a text object');
      checkTextObject(f, field, fp, L.sectionFieldText, 'any');
    });
  }
  if (block.accessory !== undefined) checkElement(f, block.accessory, `${at}/accessory`, 'accessory');
}

function checkElements(f: Findings, block: Json, at: string, place: ElementPlace, max: number): void {
  const actionIds = new Set<string>();
  checkArray(f, block, 'elements', at, 1, max).forEach((el, i) => {
    const actionId = checkElement(f, el, `${at}/elements/${i}`, place);
    if (actionId === undefined) return;
    if (actionIds.has(actionId)) f.add(`${at}/elements/${i}/action_id`, `action_id ${JSON.stringify(actionId)} is used twice in this block`);
    actionIds.add(actionId);
  });
}

function checkContext(f: Findings, block: Json, at: string): void {
  checkArray(f, block, 'elements', at, 1, L.contextElements).forEach((el, i) => {
    const ep = `${at}/elements/${i}`;
    if (!isObject(el)) return f.add(ep, 'must be a text or image element');
    if (el.type === 'image') return checkImageElement(f, el, ep);
    // Context text has no documented own limit; the section limit is the practical one.
    checkTextObject(f, el, ep, L.sectionText, 'any');
  });
}

function checkInput(f: Findings, block: Json, at: string): void {
  checkText(f, block, 'label', at, L.inputLabel, 'plain_text', true);
  checkText(f, block, 'hint', at, L.inputHint, 'plain_text');
  if (block.element === undefined) f.add(`${at}/element`, 'is required');
  else checkElement(f, block.element, `${at}/element`, 'input');
}

/** Rich text carries its words in nested `text` leaves; they count toward the message total. */
function richTextLength(node: unknown): number {
  if (Array.isArray(node)) return node.reduce<number>((n, child) => n + richTextLength(child), 0);
  if (!isObject(node)) return 0;
  const own = node.type === 'text' && typeof node.text === 'string' ? node.text.length : 0;
  return own + richTextLength(node.elements);
}
