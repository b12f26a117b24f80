/**
 * What Slack's side of an interaction (the driver, its payloads and view
 * handling, a person and their modal) needs of the emulator. SlackEmulator
 * implements it; the pieces that act on it depend on this interface, not on
 * the class, so the emulator can build them without a circle of imports.
 */
import type { ApiContext } from './api-context';
import type { SocketModeHub } from './socket-mode';
import type { ApiBody, ChangeEvent, EmuEphemeral, EmuMessage, Json, ResponseTarget } from './types';
import type { Workspace } from './workspace';

export interface EmulatorPort {
  /** The workspace state. */
  readonly ws: Workspace;
  /** What API handlers see; the driver applies acks (response_action, command replies) through it like Slack. */
  readonly context: ApiContext;
  /** Socket Mode, Slack's side: the driver writes envelopes through it when the app uses Socket Mode. */
  readonly socketMode: SocketModeHub;
  /** The secret the driver signs requests with unless told otherwise. */
  readonly signingSecret: string;
  /** Where Person.command runs when no channel is given. */
  readonly defaultChannel: string | undefined;
  /** The current emulator time in ms. */
  now(): number;
  /** Issues a fresh trigger_id for an interaction by `user`. */
  issueTrigger(user: string, conversation?: string): string;
  /** Issues a response_url for an interaction. */
  issueResponseUrl(target: Omit<ResponseTarget, 'id' | 'issuedAt' | 'uses'>): string;
  /** Answers a POST to a response_url. */
  handleResponseUrl(id: string, body: unknown, countsAsUse?: boolean): { status: number; body: ApiBody };
  /** Records something Slack would have refused or shown as an error. */
  recordViolation(source: string, error: string, details: string[]): void;
  /** Reports a change to 'change' listeners. */
  changed(event: ChangeEvent): void;
  /** Ephemeral messages only `user` sees (optionally in one channel). */
  ephemerals(user: string, channel?: string): EmuEphemeral[];
  /** A person types a message (no event is sent). */
  postAsUser(user: string, channel: string, text: string, threadTs?: string): EmuMessage;
  /** The user's App Home view, if the bot published one. */
  home(user: string): Json | undefined;
}
