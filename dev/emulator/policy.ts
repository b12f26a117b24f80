/**
 * Workspace preferences an admin can set that the bot runs into: Slack lets
 * an admin limit who may create channels, remove people from them, or archive
 * them, and then answers those methods with restricted_action. Tests switch
 * them on with `emulator.restrict(method)` or the `restricted` option.
 */

/** The methods whose Slack documentation lists restricted_action for such a preference. */
export const RESTRICTABLE = ['conversations.create', 'conversations.kick', 'conversations.archive'] as const;
export type RestrictableMethod = (typeof RESTRICTABLE)[number];

export class WorkspacePolicy {
  private readonly forbidden = new Set<string>();

  /** Forbids the bot `method` (or allows it again). */
  set(method: RestrictableMethod, restricted: boolean): void {
    if (!(RESTRICTABLE as readonly string[]).includes(method)) throw new Error(`Slack has no restricted_action for ${String(method)}`);
    if (restricted) this.forbidden.add(method);
    else this.forbidden.delete(method);
  }

  /** Whether a preference forbids the bot `method` (it then answers restricted_action). */
  forbids(method: string): boolean {
    return this.forbidden.has(method);
  }
}
