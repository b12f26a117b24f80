/**
 * SlackEmulator: one workspace in memory, its Web API over HTTP, the record of
 * calls, fault injection, Block Kit violations, and a 'change' event for live
 * views. Tests and the playground drive it through a SlackDriver and Person.
 */
import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { fail, parseJsonFields } from './api-args';
import { chatMethods, messageJson } from './api-chat';
import type { ApiContext, ApiHandler } from './api-context';
import { conversationMethods } from './api-conversations';
import { readMethods } from './api-read';
import { userMethods } from './api-users';
import { viewMethods, viewJson } from './api-views';
import { canRead, readers } from './access';
import { type ApiCall, CallLog } from './call-log';
import { type ApiAnswer, type Fault, FaultQueue, answered, faultAnswer } from './faults';
import type { DriverResponse, SlackDriver } from './driver';
import { Person } from './person';
import type { EmulatorPort } from './ports';
import { type RestrictableMethod, WorkspacePolicy } from './policy';
import { RateLimiter } from './rate-limit';
import { handleResponseUrl } from './response-url';
import { startServer, stopServer } from './server';
import { SocketModeHub, type SocketModeOptions } from './socket-mode';
import type { ApiBody, ChangeEvent, EmuChannel, EmuEphemeral, EmuMessage, EmuTeam, EmuUser, Json, ResponseTarget, Violation } from './types';
import { BotTokens } from './tokens';
import { waitUntil } from './wait';
import { Workspace } from './workspace';

export interface EmulatorOptions {
  botToken?: string;
  /** The app-level token (xapp-…) that may open Socket Mode connections, and does nothing else. */
  appToken?: string;
  /** Socket Mode's timing: the ack deadline, event retry delays, pings (see socket-mode.ts). */
  socketMode?: SocketModeOptions;
  signingSecret?: string;
  team?: Partial<EmuTeam>;
  bot?: Partial<Workspace['bot']>;
  /** The clock for message ts, trigger expiry and call times (default Date.now). */
  now?: () => number;
  /** Let the bot post in public channels it has not joined (the chat:write.public scope). */
  chatWritePublic?: boolean;
  /** Methods a workspace policy forbids the bot; they answer restricted_action (see restrict()). */
  restricted?: RestrictableMethod[];
  /** Answer calls over Slack's rate tiers (RATE_TIERS) with HTTP 429 and Retry-After; off by default (see rateTiers). */
  enforceRateTiers?: boolean;
}

const METHODS: Record<string, ApiHandler> = { ...chatMethods, ...viewMethods, ...readMethods, ...userMethods, ...conversationMethods };

/** The one method that takes the app-level token (and takes no other). */
const APP_TOKEN_METHOD = 'apps.connections.open';

/** A Slack workspace stand-in, reachable over HTTP by the bot's WebClient. */
export class SlackEmulator extends EventEmitter implements EmulatorPort {
  readonly ws: Workspace;
  readonly botToken: string;
  readonly appToken: string;
  /** The bot tokens this workspace accepts: `botToken`, unless the OAuth side (oauth.ts) issues others. */
  readonly tokens: BotTokens;
  readonly signingSecret: string;
  /** Socket Mode, Slack's side: the app's connections, the envelopes written to them, disconnects and drops. */
  readonly socketMode: SocketModeHub;
  readonly violations: Violation[] = [];
  readonly log = new CallLog();
  /** Where Person.command runs when no channel is given (the bench sets its main channel). */
  defaultChannel: string | undefined;
  private readonly faults = new FaultQueue();
  /** Slack's rate tiers, enforced only when switched on (`rateTiers.enforce()` or the enforceRateTiers option). */
  readonly rateTiers = new RateLimiter(() => this.now());
  /** What API handlers see; the driver uses it to apply acks (response_action, command replies) like Slack. */
  readonly context: ApiContext;
  private server: Server | undefined;
  private baseUrl: string | undefined;
  private driver: SlackDriver | undefined;

  constructor(options: EmulatorOptions = {}) {
    super();
    this.botToken = options.botToken ?? 'xoxb-emulator-bot-token';
    this.appToken = options.appToken ?? 'xapp-1-A0APP-1-emulator-app-token';
    this.tokens = new BotTokens(this.botToken);
    this.signingSecret = options.signingSecret ?? 'emulator-signing-secret';
    const team: EmuTeam = { id: 'T0EMULATE', name: 'Emulated Team', domain: 'emulated', ...options.team };
    const bot = { userId: 'U0BOT', name: 'intervision', botId: 'B0BOT', appId: 'A0APP', ...options.bot };
    this.ws = new Workspace({ team, bot, now: options.now ?? Date.now, onChange: (e) => this.emit('change', e) });
    this.context = {
      ws: this.ws,
      chatWritePublic: options.chatWritePublic ?? false,
      policy: new WorkspacePolicy(),
      violation: (source, error, details) => this.recordViolation(source, error, details),
      responseUrl: (id) => `${this.url}/response/${id}`,
      socketModeUrl: () => this.socketMode.open(),
    };
    this.socketMode = new SocketModeHub(() => this.ws.bot.appId, options.socketMode);
    for (const method of options.restricted ?? []) this.restrict(method);
    this.rateTiers.enforce(options.enforceRateTiers ?? false);
  }

  /** The current emulator time in ms. */
  now(): number {
    return this.ws.now();
  }

  // --- seeding the workspace -------------------------------------------------

  /** Adds a person (name, real_name, tz, deleted...). */
  addUser(user: Partial<EmuUser> & { id: string; name: string }): EmuUser {
    return this.ws.addUser(user);
  }

  /** Adds a channel; include the bot's user id in `members` for a channel the bot is in. */
  addChannel(channel: Partial<EmuChannel> & { id: string; name: string }): EmuChannel {
    return this.ws.addChannel(channel);
  }

  /** Archives (or unarchives) a channel; its members and messages stay. */
  archive(channelId: string, archived = true): void {
    this.ws.setArchived(channelId, archived);
  }

  /** Switches on (or off) a workspace policy forbidding the bot `method`: it then answers restricted_action. */
  restrict(method: RestrictableMethod, restricted = true): void {
    this.context.policy.set(method, restricted);
  }

  /** Deactivates a person's account (users.info then says deleted: true). */
  deactivate(userId: string): void {
    const user = this.ws.users.get(userId);
    if (user) user.deleted = true;
    this.ws.touch({ kind: 'user', user: userId });
  }

  /**
   * Deactivates a person's account and, as Slack does, tells the connected
   * app with a user_change event (their user object, now deleted: true).
   * Resolves with the app's answer to the event.
   */
  async deactivateAndNotify(userId: string): Promise<DriverResponse> {
    if (!this.driver) throw new Error('No app connected: call emulator.connect(driver) first');
    this.deactivate(userId);
    return this.driver.userChange(userId);
  }

  /** A person types a message (no event is sent; Person.say also tells the app). */
  postAsUser(user: string, channel: string, text: string, threadTs?: string): EmuMessage {
    const c = this.ws.channel(channel);
    if (!c) throw new Error(`No channel ${channel}`);
    if (!c.members.includes(user)) throw new Error(`${user} is not in ${channel}`);
    return structuredClone(this.ws.insertMessage(c.id, user, { text }, threadTs));
  }

  // --- reading the state -----------------------------------------------------

  /** Whether `userId` can read a conversation (id or name): its members if private, anyone active if public. */
  canRead(userId: string, channel: string): boolean {
    return canRead(this.ws, userId, channel);
  }

  /** The people (bot excluded, deactivated excluded) who can read a conversation (id or name). */
  readers(channel: string): string[] {
    return readers(this.ws, channel);
  }

  /** The members of a conversation (id or name), the bot included if it is in; [] if there is no such channel. */
  members(channel: string): string[] {
    return [...(this.ws.channel(channel)?.members ?? [])];
  }

  /** Top-level messages of a channel (by id or name), oldest first; thread replies are left out. */
  channelMessages(channel: string): Json[] {
    const c = this.ws.channel(channel);
    if (!c) return [];
    return this.ws.allMessages(c.id).filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast).map(messageJson);
  }

  /** A thread: the parent message then its replies, oldest first. */
  thread(channel: string, ts: string): Json[] {
    const c = this.ws.channel(channel);
    if (!c) return [];
    return this.ws.allMessages(c.id).filter((m) => m.ts === ts || m.thread_ts === ts).map(messageJson);
  }

  /** Ephemeral messages only `user` sees (optionally in one channel). */
  ephemerals(user: string, channel?: string): EmuEphemeral[] {
    return this.ws.ephemerals.filter((e) => e.user === user && (channel === undefined || e.channel === channel)).map((e) => structuredClone(e));
  }

  /** Messages in the bot's direct-message conversation with `user`, oldest first. */
  dms(user: string): Json[] {
    const dm = [...this.ws.channels.values()].find((c) => c.is_im && c.user === user);
    return dm ? this.ws.allMessages(dm.id).map(messageJson) : [];
  }

  /** The user's open modals, bottom first (empty when none is open). */
  openViews(user: string): Json[] {
    return this.ws.modalStack(user).map(viewJson);
  }

  /** The user's App Home view, if the bot published one. */
  home(user: string): Json | undefined {
    const view = this.ws.homes.get(user);
    return view ? viewJson(view) : undefined;
  }

  /** Resolves once `probe` returns something other than undefined/false (re-checked on every change and every 10 ms). */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs = 2000): Promise<T> {
    return waitUntil(this, probe, timeoutMs);
  }

  // --- the Web API -------------------------------------------------------------

  /** Answers one Web API call as Slack would: auth, injected faults, the method, and the call record. */
  handleApi(method: string, args: Json, token: string | undefined): ApiAnswer {
    const parsed = parseJsonFields(args);
    const answer = this.answer(method, parsed, token);
    const { status, body } = answer;
    this.log.record({ method, args: parsed, at: this.now(), status, ok: body.ok, result: body, ...(typeof body.error === 'string' ? { error: body.error } : {}) });
    return answer;
  }

  private answer(method: string, args: Json, token: string | undefined): ApiAnswer {
    const handler = METHODS[method];
    if (!handler) return answered(fail('unknown_method'));
    if (!token) return answered(fail('not_authed'));
    const appLevel = token === this.appToken;
    // An app-level token opens Socket Mode connections and does nothing else; a bot token cannot open them.
    if (appLevel) {
      if (method !== APP_TOKEN_METHOD) return answered(fail('not_allowed_token_type'));
    } else {
      const refused = this.tokens.refusal(token);
      if (refused) return answered(fail(refused));
      if (method === APP_TOKEN_METHOD) return answered(fail('not_allowed_token_type'));
    }
    const fault = this.faults.take(method) ?? this.rateTiers.fault(method, args);
    if (fault && 'answerAfterMs' in fault) return { ...answered(handler(this.context, args)), holdMs: fault.answerAfterMs };
    return fault ? faultAnswer(fault) : answered(handler(this.context, args));
  }

  /** Calls a Web API method directly (no HTTP), with the bot token. */
  call(method: string, args: Json = {}): ApiBody {
    return this.handleApi(method, args, this.botToken).body;
  }

  /** Answers a POST to a response_url. */
  handleResponseUrl(id: string, body: unknown, countsAsUse = true): { status: number; body: ApiBody } {
    return handleResponseUrl(this.context, id, body, countsAsUse);
  }

  /** Makes the next `times` calls of `method` ('*' for any) fail with `fault`. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.add(method, fault, times);
  }

  /** Recorded calls, all or of one method. */
  calls(method?: string): ApiCall[] {
    return this.log.list(method);
  }

  /** The most calls of `method` in any 60 s window of the emulator clock. */
  callsPerMinute(method: string): number {
    return this.log.perMinute(method);
  }

  /** Records something Slack would have refused or shown as an error. */
  recordViolation(source: string, error: string, details: string[]): void {
    this.violations.push({ source, error, details, at: this.now() });
  }

  // --- interactions --------------------------------------------------------------

  /** Issues a fresh trigger_id for an interaction by `user` (good once, for 3 s), made while looking at `conversation` (if any). */
  issueTrigger(user: string, conversation?: string): string {
    return this.ws.issueTrigger(user, conversation);
  }

  /** Issues a response_url for an interaction. */
  issueResponseUrl(target: Omit<ResponseTarget, 'id' | 'issuedAt' | 'uses'>): string {
    return this.context.responseUrl(this.ws.issueResponseTarget(target).id);
  }

  /** Connects the app (through its driver) so `person()` can act. */
  connect(driver: SlackDriver): void {
    this.driver = driver;
  }

  /** A person in the workspace who reads and clicks what they see. */
  person(userId: string): Person {
    if (!this.driver) throw new Error('No app connected: call emulator.connect(driver) first');
    if (!this.ws.users.has(userId)) throw new Error(`No user ${userId} in the emulated workspace`);
    return new Person(this, this.driver, userId);
  }

  // --- HTTP ----------------------------------------------------------------------

  /** Starts the HTTP server (port 0 = a free port); resolves with the base URL. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const { server, url } = await startServer(this, port, host);
    this.server = server;
    this.baseUrl = url;
    this.socketMode.attach(server, url);
    return url;
  }

  /** Stops the HTTP server, and closes the app's Socket Mode connections. */
  async close(): Promise<void> {
    this.socketMode.close();
    if (this.server) await stopServer(this.server);
    this.server = undefined;
  }

  /** The base URL once listening (e.g. http://127.0.0.1:41234). */
  get url(): string {
    if (!this.baseUrl) throw new Error('The emulator is not listening yet: await emulator.listen()');
    return this.baseUrl;
  }

  /** The Web API base for WebClient's slackApiUrl (ends with a slash). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** Reports a change to 'change' listeners (used by the driver when it moves views). */
  changed(event: ChangeEvent): void {
    this.ws.touch(event);
  }
}
