import { z } from 'zod';

/**
 * References to a group carried in button values, overflow options and
 * private_metadata: "grp|<groupId>", with what a menu option or a form is
 * for ("grp|<id>|away") and, for a meeting, its slot ("…|2024-03-05"). Only
 * pointers: the group service re-checks everything against the stored group.
 */

export const GROUP_OPS = ['away', 'back', 'skip', 'unskip', 'postpone', 'swap', 'facilitate', 'rest'] as const;
export type GroupOp = (typeof GROUP_OPS)[number];

export interface GroupRef {
  groupId: string;
  op?: GroupOp;
  slot?: string;
}

const Parts = z.tuple([
  z.literal('grp'),
  z.string().regex(/^[A-Za-z0-9_-]{1,36}$/),
  z.union([z.literal(''), z.enum(GROUP_OPS)]),
  z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
]);

/** "grp|<id>|<op>|<slot>", trailing empty parts dropped. Throws on a malformed reference (a bug, never input). */
export function encodeGroupRef(ref: GroupRef): string {
  const parts = ['grp', ref.groupId, ref.op ?? '', ref.slot ?? ''];
  while (parts.length > 2 && parts[parts.length - 1] === '') parts.pop();
  const value = parts.join('|');
  if (!parseGroupRef(value)) throw new Error('encodeGroupRef: malformed reference');
  return value;
}

/** A group reference; null when the value is not one of ours. */
export function parseGroupRef(value: unknown): GroupRef | null {
  if (typeof value !== 'string' || value.length > 80) return null;
  const raw = value.split('|');
  while (raw.length < 4) raw.push('');
  const parsed = Parts.safeParse(raw);
  if (!parsed.success) return null;
  const [, groupId, op, slot] = parsed.data;
  return { groupId, ...(op !== '' ? { op } : {}), ...(slot !== '' ? { slot } : {}) };
}
