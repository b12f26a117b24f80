import { z } from 'zod';
import { type ActionRef, encodeRefWithList, parseRefWithList } from '../../ids';

/**
 * The remark modal commits the presenter's picks and their remark with ONE
 * pick command, so it carries the items chosen in the menu when "What you
 * take away" was clicked: "<reference>;<item>,<item>". The engine checks the
 * items against what may be picked, as for any pick.
 */

const items = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/)).min(1).max(10);

/** The remark modal's private_metadata. */
export function encodeRemarkMeta(ref: ActionRef, picked: readonly string[]): string {
  return encodeRefWithList(ref, picked);
}

/** The reference and the items of a remark modal; null when it is not ours. */
export function parseRemarkMeta(value: string | undefined): { ref: ActionRef; items: string[] } | null {
  return parseRefWithList(value, items);
}

/** The items of the named-picks modal: none, or some chosen in the menu beside the words. */
const someItems = z.array(z.string()).transform((list) => list.filter((item) => item !== '')).pipe(z.array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/)).max(10));

/** The named-picks modal's private_metadata (the items may be none). */
export function encodePicksMeta(ref: ActionRef, picked: readonly string[]): string {
  return encodeRefWithList(ref, picked);
}

/** The reference and the items of a named-picks modal; null when it is not ours. */
export function parsePicksMeta(value: string | undefined): { ref: ActionRef; items: string[] } | null {
  return parseRefWithList(value, someItems);
}
