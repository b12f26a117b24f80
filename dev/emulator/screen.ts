/**
 * Reading blocks the way a person reads the screen: the words shown, and the
 * controls (buttons, menus, inputs) with the labels a person would name them by.
 */
import type { Json } from './types';
import { elementsOf } from './view-state';

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collapses runs of whitespace and trims, so labels match however they were wrapped. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text of a text object, or ''. */
export function textOf(obj: unknown): string {
  return isObject(obj) && typeof obj.text === 'string' ? obj.text : '';
}

/** A control on screen: its block, element, and the names a person could call it by. */
export interface Control {
  block: Json;
  element: Json;
  /** Button text; for menus and inputs: the input label, placeholder, and the section text beside it. */
  names: string[];
}

/** Every interactive element in the blocks, with its names. */
export function controlsOf(blocks: Json[]): Control[] {
  const controls: Control[] = [];
  for (const block of blocks) {
    for (const element of elementsOf(block)) {
      const names = [textOf(element.text), textOf(element.placeholder)];
      if (block.type === 'input') names.push(textOf(block.label));
      if (block.type === 'section') names.push(textOf(block.text));
      controls.push({ block, element, names: names.map(normalize).filter((n) => n !== '') });
    }
  }
  return controls;
}

/** All words shown by the blocks (headers, sections, fields, context, labels, button texts), one line per piece. */
export function blocksText(blocks: Json[] | undefined): string {
  const lines: string[] = [];
  for (const block of blocks ?? []) {
    lines.push(textOf(block.text), textOf(block.label));
    if (Array.isArray(block.fields)) lines.push(...block.fields.map(textOf));
    if (block.type === 'context' && Array.isArray(block.elements)) lines.push(...block.elements.map(textOf));
    if (block.type === 'markdown' && typeof block.text === 'string') lines.push(block.text);
    for (const el of elementsOf(block)) lines.push(textOf(el.text));
  }
  return lines.filter((l) => l !== '').join('\n');
}

/** The option objects an element offers (flattening option groups). */
export function optionsOf(element: Json): Json[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObject).flatMap((g) => (Array.isArray(g.options) ? g.options.filter(isObject) : []))
    : [];
  return [...direct, ...grouped];
}

/** Picks options by their visible text; throws listing the offered texts when one is missing. */
export function pickOptions(element: Json, texts: string[]): Json[] {
  const offered = optionsOf(element);
  return texts.map((wanted) => {
    const found = offered.find((o) => normalize(textOf(o.text)) === normalize(wanted));
    if (!found) throw new Error(`No option "${wanted}"; offered: ${offered.map((o) => `"${textOf(o.text)}"`).join(', ') || 'none'}`);
    return structuredClone(found);
  });
}
