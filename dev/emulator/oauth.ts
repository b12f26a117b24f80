/**
 * Slack's side of installing an app (OAuth v2), for an app that any
 * workspace may install: the consent page at /oauth/v2/authorize (which
 * sends the browser back to the app's redirect URL with a one-time code and
 * the app's state), and oauth.v2.access (the code, or a refresh token when
 * token rotation is on, for a bot token). Tokens are issued into the
 * workspace's own BotTokens, so its Web API accepts them; a refresh token is
 * good once, and the access token it replaces stays good until it expires,
 * as Slack documents. The HTTP side and the workspaces are in cloud.ts.
 */
import { randomBytes } from 'node:crypto';
import { fail } from './api-args';
import type { SlackEmulator } from './emulator';
import type { ApiBody, Json } from './types';

export interface OAuthAppOptions {
  clientId: string;
  clientSecret: string;
  /** The app's redirect URLs (its manifest's oauth_config.redirect_urls); the first is used when the app names none. */
  redirectUrls?: string[];
  /** Token rotation: bot tokens expire after this many seconds and come with a refresh token. Off when absent. */
  tokenExpiresIn?: number;
}

/** A workspace the app can be installed in; `orgWide` installs it for a whole Enterprise Grid organization. */
export interface InstallTarget {
  emulator: SlackEmulator;
  /** The organization's id when the person installs org-wide (Slack then sends team: null, is_enterprise_install: true). */
  orgWide?: string;
}

interface Grant {
  team: string;
  user: string;
  scopes: string;
  redirectUri: string | undefined;
  expiresAt: number;
}

/** How long Slack keeps a code good (its docs: ten minutes). */
const CODE_TTL_MS = 10 * 60 * 1000;

const token = (prefix: string): string => `${prefix}${randomBytes(12).toString('hex')}`;

/** An answer to the browser: a redirect, or an error page with Slack's code in it. */
export type BrowserAnswer = { status: 302; location: string } | { status: 400; error: string };

/** The app registered with "Slack", its pending codes and live refresh tokens. */
export class OAuthApp {
  readonly options: OAuthAppOptions;
  private readonly codes = new Map<string, Grant>();
  /** Live refresh token -> its workspace. */
  private readonly refreshTokens = new Map<string, string>();
  /** What oauth.v2.access was asked and answered, for tests: the grant type and the answer's error, if any. */
  readonly exchanges: Array<{ grant: 'code' | 'refresh_token'; team?: string; error?: string }> = [];
  /** Set by `decline()`: the next consent is refused, as when the person clicks Cancel. */
  private declining = false;

  constructor(
    options: OAuthAppOptions,
    private readonly targets: (team: string) => InstallTarget | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.options = { redirectUrls: [], ...options };
  }

  /** The next consent is cancelled by the person: Slack redirects back with error=access_denied. */
  decline(): void {
    this.declining = true;
  }

  /** GET /oauth/v2/authorize by `signedIn` (the browser's account): a redirect to the app with a code, or Slack's error page. */
  authorize(query: URLSearchParams, signedIn: { team: string; user: string } | undefined): BrowserAnswer {
    if (query.get('client_id') !== this.options.clientId) return { status: 400, error: 'invalid_client_id' };
    const scopes = query.get('scope') ?? '';
    if (scopes.trim() === '') return { status: 400, error: 'invalid_scope' };
    const asked = query.get('redirect_uri') ?? undefined;
    const registered = this.options.redirectUrls ?? [];
    const target = asked ?? registered[0];
    if (!target || (asked !== undefined && !registered.some((url) => asked.startsWith(url)))) return { status: 400, error: 'bad_redirect_uri' };
    const team = query.get('team') ?? signedIn?.team;
    if (!team || !signedIn || !this.targets(team)) return { status: 400, error: 'not_signed_in' };
    const back = new URL(target);
    const state = query.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (this.declining) {
      this.declining = false;
      back.searchParams.set('error', 'access_denied');
      return { status: 302, location: back.toString() };
    }
    const code = token('code-');
    this.codes.set(code, { team, user: signedIn.user, scopes, redirectUri: asked, expiresAt: this.now() + CODE_TTL_MS });
    back.searchParams.set('code', code);
    return { status: 302, location: back.toString() };
  }

  /** oauth.v2.access: a code (or a refresh token) for a bot token of its workspace. */
  access(args: Json): ApiBody {
    if (args.client_id !== this.options.clientId) return this.refused('code', 'invalid_client_id');
    if (args.client_secret !== this.options.clientSecret) return this.refused('code', 'bad_client_secret');
    if (args.grant_type === 'refresh_token') return this.refresh(String(args.refresh_token ?? ''));
    const code = String(args.code ?? '');
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAt <= this.now()) return this.refused('code', 'invalid_code');
    if (grant.redirectUri !== undefined && args.redirect_uri !== grant.redirectUri) return this.refused('code', 'bad_redirect_uri');
    const target = this.targets(grant.team);
    if (!target) return this.refused('code', 'invalid_code');
    this.exchanges.push({ grant: 'code', team: grant.team });
    return { ...this.issue(target), authed_user: { id: grant.user }, scope: grant.scopes };
  }

  private refresh(refreshToken: string): ApiBody {
    const team = this.refreshTokens.get(refreshToken);
    this.refreshTokens.delete(refreshToken);
    const target = team ? this.targets(team) : undefined;
    if (!team || !target) return this.refused('refresh_token', 'invalid_refresh_token');
    this.exchanges.push({ grant: 'refresh_token', team });
    return this.issue(target);
  }

  private refused(grant: 'code' | 'refresh_token', error: string): ApiBody {
    this.exchanges.push({ grant, error });
    return fail(error);
  }

  /** A new bot token, accepted by the workspace from now on (with its refresh token when tokens rotate). */
  private issue(target: InstallTarget): ApiBody {
    const { emulator, orgWide } = target;
    const expiresIn = this.options.tokenExpiresIn;
    const access = token(expiresIn ? 'xoxe.xoxb-1-' : `xoxb-${emulator.ws.team.id}-`);
    emulator.tokens.accept(access, expiresIn ? this.now() + expiresIn * 1000 : undefined);
    const body: ApiBody = {
      ok: true,
      app_id: emulator.ws.bot.appId,
      token_type: 'bot',
      access_token: access,
      bot_user_id: emulator.ws.bot.userId,
      scope: '',
      team: orgWide ? null : { id: emulator.ws.team.id, name: emulator.ws.team.name },
      enterprise: orgWide ? { id: orgWide, name: 'Emulated Org' } : null,
      is_enterprise_install: orgWide !== undefined,
    };
    if (!expiresIn) return body;
    const refreshToken = token('xoxe-1-');
    this.refreshTokens.set(refreshToken, emulator.ws.team.id);
    return { ...body, refresh_token: refreshToken, expires_in: expiresIn };
  }

  /** Forgets every refresh token of a workspace (the app was uninstalled there). */
  forgetWorkspace(team: string): void {
    for (const [refreshToken, owner] of this.refreshTokens) if (owner === team) this.refreshTokens.delete(refreshToken);
  }
}
