/**
 * The bot tokens a workspace accepts. One fixed token by default (the
 * emulator's `botToken`), as a single-workspace app has; the OAuth side
 * (oauth.ts) issues tokens at install and on refresh, with an expiry when
 * token rotation is on, and revokes them all when the app is uninstalled.
 * Answers as Slack does: an unknown token is `invalid_auth`, a revoked one
 * `token_revoked`, an expired one `token_expired`.
 */
export class BotTokens {
  private readonly live = new Map<string, number | undefined>();
  private readonly revoked = new Set<string>();
  private readonly counted = new Map<string, number>();

  /** `now` is the clock expiry is judged by: Slack's real one (Bolt decides when to refresh by Date.now too). */
  constructor(
    first: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    if (first) this.live.set(first, undefined);
  }

  /** Accepts `token` from now on, until `expiresAt` (ms) when given. */
  accept(token: string, expiresAt?: number): void {
    this.revoked.delete(token);
    this.live.set(token, expiresAt);
  }

  /** Stops accepting `token` (auth.revoke). */
  revoke(token: string): void {
    if (this.live.delete(token)) this.revoked.add(token);
  }

  /** Stops accepting every token (the app was uninstalled). */
  revokeAll(): void {
    for (const token of [...this.live.keys()]) this.revoke(token);
  }

  /** Whether this workspace ever issued `token` (live, expired or revoked). */
  knows(token: string): boolean {
    return this.live.has(token) || this.revoked.has(token);
  }

  /** The tokens accepted now. */
  accepted(): string[] {
    return [...this.live.keys()].filter((token) => this.refusal(token) === undefined);
  }

  /** Why a call with `token` is refused, or undefined when it may go on (and is counted). */
  refusal(token: string): 'invalid_auth' | 'token_revoked' | 'token_expired' | undefined {
    if (this.revoked.has(token)) return 'token_revoked';
    if (!this.live.has(token)) return 'invalid_auth';
    const expiresAt = this.live.get(token);
    if (expiresAt !== undefined && expiresAt <= this.now()) return 'token_expired';
    this.counted.set(token, (this.counted.get(token) ?? 0) + 1);
    return undefined;
  }

  /** How many calls `token` made (accepted ones). */
  uses(token: string): number {
    return this.counted.get(token) ?? 0;
  }
}
