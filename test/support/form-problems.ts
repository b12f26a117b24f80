/**
 * Reads the problems the new-session form shows after it was answered (people
 * and channel are checked after Slack has the answer, so they come back as
 * lines under their fields in the redrawn form, not as Slack field errors).
 */
import type { EmuView, ModalHandle } from '../../dev/emulator';
import { blocksText, textOf } from '../../dev/emulator/screen';
import { problemBlockId } from '../../src/slack/blocks/new-session-modal';

const PREFIX = problemBlockId('');
const MARK = '⚠️ ';

/** The problem lines of a view by the block id they are about; undefined when there are none. */
export function problemsShown(view: EmuView | undefined): Record<string, string> | undefined {
  const found: Record<string, string> = {};
  for (const block of view?.blocks ?? []) {
    const id = typeof block.block_id === 'string' ? block.block_id : '';
    if (block.type !== 'context' || !id.startsWith(PREFIX)) continue;
    const elements = Array.isArray(block.elements) ? block.elements : [];
    const text = elements.map((e) => textOf(e)).join(' ');
    found[id.slice(PREFIX.length)] = text.startsWith(MARK) ? text.slice(MARK.length) : text;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}

/** The same, keyed by the label of the input each is about (as a person reads the form). */
export function problemsByLabel(view: EmuView | undefined): Record<string, string> | undefined {
  const shown = problemsShown(view);
  if (!shown || !view) return shown;
  const labelOf = (blockId: string): string => {
    const input = view.blocks.find((b) => b.type === 'input' && b.block_id === blockId);
    return input ? textOf(input.label) : blockId;
  };
  return Object.fromEntries(Object.entries(shown).map(([block, text]) => [labelOf(block), text]));
}

/**
 * After a new-session form was sent and the bot settled: fails on problems
 * the redrawn form shows, else reads the "set up" view and presses Done, as
 * the creator would.
 */
export async function closeSetUpView(modal: ModalHandle): Promise<void> {
  const open = modal.isOpen() ? modal.view : undefined;
  if (!open) return;
  const problems = problemsShown(open);
  if (problems) throw new Error(`the new-session form showed problems after it was sent: ${JSON.stringify(problems)}`);
  if (!blocksText(open.blocks).includes('is set up')) throw new Error(`the new-session modal shows neither problems nor the session: ${blocksText(open.blocks)}`);
  await modal.close();
}
