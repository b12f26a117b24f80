/**
 * Slack as an app that any workspace may install sees it: several emulated
 * workspaces (one SlackEmulator each, with its own people, channels and
 * response URLs) behind one Web API, which finds the workspace by the token
 * a call carries, as slack.com does; Slack's OAuth (oauth.ts) for installing
 * the app; and the app's uninstall, which revokes the workspace's tokens and
 * sends app_uninstalled and tokens_revoked. A workspace's tokens only ever
 * reach that workspace.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fail } from './api-args';
import { SlackDriver, type DriverOptions } from './driver';
import type { SlackEmulator } from './emulator';
import { type InstallTarget, OAuthApp, type OAuthAppOptions } from './oauth';
import { parseBody, stopServer } from './server';
import type { ApiBody, Json } from './types';

export interface CloudOptions {
  app: OAuthAppOptions;
  /** The app's signing secret: every workspace's requests to the app are signed with it. */
  signingSecret: string;
  /** The clock tokens and codes expire by (Slack's real one by default). */
  now?: () => number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Several workspaces, one Web API and Slack's OAuth for them. */
export class SlackCloud {
  readonly oauth: OAuthApp;
  private readonly workspaces = new Map<string, InstallTarget>();
  private readonly drivers = new Map<string, SlackDriver>();
  private signedIn: { team: string; user: string } | undefined;
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(private readonly options: CloudOptions) {
    this.oauth = new OAuthApp(options.app, (team) => this.workspaces.get(team), options.now);
  }

  /**
   * Adds a workspace where the app is not installed yet: it accepts no bot
   * token until an install issues one. `orgWide` makes installs there
   * organization-wide (Enterprise Grid).
   */
  add(emulator: SlackEmulator, options: { orgWide?: string } = {}): void {
    emulator.tokens.revokeAll();
    this.workspaces.set(emulator.ws.team.id, { emulator, ...(options.orgWide ? { orgWide: options.orgWide } : {}) });
  }

  /** The workspace with this team id. */
  workspace(team: string): SlackEmulator {
    const found = this.workspaces.get(team);
    if (!found) throw new Error(`No workspace ${team}`);
    return found.emulator;
  }

  /** Who the browser is signed in as on the consent page (their workspace is the one the app is installed in). */
  signIn(team: string, user: string): void {
    this.signedIn = { team, user };
  }

  /** Starts the front (and each workspace's own server, for its response URLs); resolves with the base URL. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    for (const { emulator } of this.workspaces.values()) await emulator.listen(0, host);
    const server = createServer((req, res) => {
      this.route(req, res).catch(() => sendJson(res, 500, fail('internal_error')));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;
    return this.baseUrl;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('The cloud is not listening yet: await cloud.listen()');
    return this.baseUrl;
  }

  /** The Web API base for the app's WebClient (SLACK_API_URL); the consent page is at ../oauth/v2/authorize beside it. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Connects the app at `requestUrl` to every workspace (a driver each, signing with the app's secret), so their people can act. */
  connect(requestUrl: string, options: Omit<DriverOptions, 'requestUrl' | 'signingSecret'> = {}): void {
    for (const [team, { emulator }] of this.workspaces) {
      const driver = new SlackDriver(emulator, { ...options, requestUrl, signingSecret: this.options.signingSecret });
      emulator.connect(driver);
      this.drivers.set(team, driver);
    }
  }

  /** The driver of a workspace (after connect). */
  driver(team: string): SlackDriver {
    const driver = this.drivers.get(team);
    if (!driver) throw new Error(`No app connected for ${team}: call cloud.connect(requestUrl) first`);
    return driver;
  }

  /**
   * Someone removes the app from a workspace: its tokens stop working at
   * once, then Slack tells the app with app_uninstalled and tokens_revoked
   * (the bot's), and the app's answers come back.
   */
  async uninstall(team: string): Promise<Array<{ status: number }>> {
    const emulator = this.workspace(team);
    emulator.tokens.revokeAll();
    this.oauth.forgetWorkspace(team);
    const driver = this.driver(team);
    const uninstalled = await driver.event({ type: 'app_uninstalled' });
    const revoked = await driver.event({ type: 'tokens_revoked', tokens: { oauth: [], bot: [emulator.ws.bot.userId] } });
    return [uninstalled, revoked];
  }

  async close(): Promise<void> {
    if (this.server) await stopServer(this.server);
    this.server = undefined;
    for (const { emulator } of this.workspaces.values()) await emulator.close();
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cloud');
    if (req.method === 'GET' && url.pathname === '/oauth/v2/authorize') {
      const answer = this.oauth.authorize(url.searchParams, this.signedIn);
      if (answer.status === 302) res.writeHead(302, { location: answer.location }).end();
      else res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`Slack could not install the app: ${answer.error}`);
      return;
    }
    const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!api) return sendJson(res, 404, fail('not_found'));
    let args: Json;
    try {
      args = { ...Object.fromEntries(url.searchParams), ...parseBody(await readBody(req), req.headers['content-type']) };
    } catch {
      return sendJson(res, 200, fail('invalid_json'));
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const { token: formToken, ...rest } = args;
    const token = bearer ?? (typeof formToken === 'string' ? formToken : undefined);
    const answer = this.answer(api[1] as string, rest, token);
    sendJson(res, answer.status, answer.body, answer.headers);
  }

  /** One Web API call: OAuth's own methods here, everything else in the workspace the token belongs to. */
  private answer(method: string, args: Json, token: string | undefined): { status: number; headers: Record<string, string>; body: ApiBody } {
    const ok = (body: ApiBody) => ({ status: 200, headers: {}, body });
    if (method === 'oauth.v2.access') return ok(this.oauth.access(args));
    if (!token) return ok(fail('not_authed'));
    const owner = [...this.workspaces.values()].find(({ emulator }) => emulator.tokens.knows(token))?.emulator;
    if (!owner) return ok(fail('invalid_auth'));
    if (method === 'auth.revoke') {
      owner.tokens.revoke(token);
      return ok({ ok: true, revoked: true });
    }
    return owner.handleApi(method, args, token);
  }
}
