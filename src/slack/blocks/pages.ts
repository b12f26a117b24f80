import { LIMITS } from '../escape';
import { type Block, blockTextLength } from './kit';

/**
 * Packs groups of blocks (an input with its answer button, a round's heading)
 * into pages that each fit one Slack message: at most 50 blocks and about
 * 11,000 characters of block text. Groups are never split across pages.
 */

export interface PageBudget {
  /** Blocks per page, the page's own heading included. */
  blocks: number;
  /** Characters of block text per page, the heading included. */
  text: number;
}

const MESSAGE_BUDGET: PageBudget = { blocks: LIMITS.blocksPerMessage, text: LIMITS.messageBlockText };

/**
 * Splits groups into pages; `heading(page)` is reserved at the top of each
 * page (its size is measured with a two-digit page number). Always returns at
 * least one (possibly empty) page.
 */
export function paginate(groups: Block[][], headingSize: { blocks: number; text: number }, budget = MESSAGE_BUDGET): Block[][] {
  const maxBlocks = budget.blocks - headingSize.blocks;
  const maxText = budget.text - headingSize.text;
  const pages: Block[][] = [];
  let page: Block[] = [];
  let text = 0;
  for (const group of groups) {
    const size = blockTextLength(group);
    const fits = page.length + group.length <= maxBlocks && text + size <= maxText;
    if (!fits && page.length > 0) {
      pages.push(page);
      page = [];
      text = 0;
    }
    page.push(...group);
    text += size;
  }
  pages.push(page);
  return pages;
}
