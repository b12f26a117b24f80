/**
 * The playground's JSON API behind the page: each call acts as one person of
 * the demo team through the emulator's Person and SlackDriver, so the bot gets
 * exactly what Slack would send it (signed, through Bolt's normal path).
 */
import type { DriverResponse, SlackDriver, SlackEmulator } from '../emulator';
import { valueKey } from '../emulator/view-state';
import { SHORTCUT } from '../../src/slack/ids';
import { PlaygroundError, actionOf, findElement, stateValues, storeValues, surfaceOf } from './interact';
import type { actionBody, clockBody, closeBody, commandBody, deactivateBody, deleteBody, homeBody, languageBody, replyBody, shortcutBody, submitBody } from './schemas';
import { DEMO_PEOPLE, PLAYGROUND_LANGUAGES } from './demo-team';
import { type PersonState, type ViewErrors, people, personState } from './state';
import type { PlaygroundTime } from './time';
import type { z } from 'zod';

/** The answer to an action: ok, or what went wrong as Slack would show it. */
export interface ActResult {
  ok: boolean;
  error?: string;
  /** Validation errors under the modal's inputs, by block_id. */
  errors?: Record<string, string>;
}

/** The only slash command the playground's app has. */
export const PLAYGROUND_COMMAND = '/intervision';

/** Slack's words when the app does not answer an interaction well. */
function answered(response: DriverResponse | undefined, what: string): ActResult {
  if (!response || response.status === 200) return { ok: true };
  return { ok: false, error: `${what} failed: the app answered HTTP ${response.status}.` };
}

export class PlaygroundApi {
  /** Errors the app sent back per view, until the view changes. */
  readonly viewErrors: ViewErrors = new Map();
  /** Told when the clock moved (the server pings every open page: their clock must show it, even when nothing else changed). */
  onClockMoved: (() => void) | undefined;

  constructor(
    readonly emulator: SlackEmulator,
    readonly driver: SlackDriver,
    /** The playground's movable time; absent, the page shows no clock. */
    readonly time?: PlaygroundTime,
  ) {}

  /** Checks that `as` is a person of the workspace (not the bot, not deactivated). */
  private person(as: string) {
    const user = this.emulator.ws.users.get(as);
    if (!user || user.is_bot || user.deleted) throw new PlaygroundError('There is nobody with that id in the playground.', 404);
    return this.emulator.person(as);
  }

  /** A conversation the person may write in: a channel they are in, or "dm" for their DM with the bot. */
  private conversation(as: string, channel: string | undefined): string {
    if (channel === undefined) return this.emulator.defaultChannel ?? '';
    if (channel === 'dm') return this.emulator.ws.dmWith(as).id;
    if (!this.emulator.ws.isMember(channel, as)) throw new PlaygroundError('You are not in that conversation.', 403);
    return channel;
  }

  /** Who the page acts as when no ?as= is given: the first person of the team (the facilitator). */
  firstPerson(): string {
    return people(this.emulator)[0]?.id ?? '';
  }

  /** What the person sees. */
  state(as: string): PersonState {
    this.person(as);
    const state = personState(this.emulator, as, this.viewErrors);
    return this.time ? { ...state, clock: this.time.reading() } : state;
  }

  /** The clock control: time moves forward an hour, a day, or to the next deadline or reminder; what falls due on the way happens. */
  async moveTime(body: z.infer<typeof clockBody>): Promise<ActResult> {
    this.person(body.as);
    if (!this.time) throw new PlaygroundError('This playground has no clock to move.', 404);
    const moved = await this.time.move(body.move);
    this.onClockMoved?.();
    if (moved) return { ok: true };
    return { ok: false, error: body.move === 'meeting' ? 'No group has a meeting planned: create one with /intervision group.' : 'Nothing is due: no session waits for a deadline or a reminder.' };
  }

  /**
   * The person menu's "Deactivate": the account is deactivated as an admin
   * would, and Slack tells the bot (user_change), which takes them out of
   * their sessions. Not oneself: switch to someone else first.
   */
  async deactivate(body: z.infer<typeof deactivateBody>): Promise<ActResult> {
    this.person(body.as);
    this.person(body.person);
    if (body.person === body.as) return { ok: false, error: 'Switch to someone else first: you cannot deactivate the person you are.' };
    return answered(await this.emulator.deactivateAndNotify(body.person), 'Deactivating');
  }

  /**
   * The page's language switch: every person of the demo team gets this
   * Slack language, and Slack tells the app (user_change), which then asks
   * users.info again: the creation form, help and the App Home follow it.
   * A session keeps the language it was created in.
   */
  async setLanguage(body: z.infer<typeof languageBody>): Promise<ActResult> {
    this.person(body.as);
    const locale = PLAYGROUND_LANGUAGES.find((l) => l.code === body.language)?.locale ?? 'en-US';
    for (const p of DEMO_PEOPLE) {
      const user = this.emulator.ws.users.get(p.id);
      if (!user || user.deleted) continue;
      this.emulator.addUser({ ...user, locale });
      const told = answered(await this.driver.userChange(p.id), 'Changing the language');
      if (!told.ok) return told;
    }
    return { ok: true };
  }

  /** The message box: "/intervision new" runs the command; any other slash command is unknown, as in Slack. */
  async command(body: z.infer<typeof commandBody>): Promise<ActResult> {
    const person = this.person(body.as);
    const [word = '', ...rest] = body.text.trim().split(/\s+/);
    if (!word.startsWith('/')) throw new PlaygroundError('A command starts with "/", e.g. /intervision new.');
    if (word.toLowerCase() !== PLAYGROUND_COMMAND) {
      return { ok: false, error: `${word} is not a valid command. In the playground the app's command is ${PLAYGROUND_COMMAND}.` };
    }
    const channel = this.conversation(body.as, body.channel);
    const response = await person.command(PLAYGROUND_COMMAND, rest.join(' '), channel);
    return answered(response, PLAYGROUND_COMMAND);
  }

  /** A click or a choice: sent as block_actions from wherever the element is. */
  async action(body: z.infer<typeof actionBody>): Promise<ActResult> {
    this.person(body.as);
    const surface = surfaceOf(this.emulator, body.as, body.source);
    // Slack sends the surface's current selections with every action (e.g. the picks beside "Confirm picks").
    const touched = body.values ? stateValues(this.emulator, surface.blocks, body.values) : {};
    const { block, element } = findElement(surface.blocks, body.blockId, body.actionId);
    const action = actionOf(this.emulator, block, element, body.choice);
    if (valueKey(String(element.type)) !== undefined) {
      const { action_id: _a, block_id: _b, ...entry } = action;
      touched[body.blockId] = { ...(touched[body.blockId] ?? {}), [body.actionId]: entry };
    }
    if (surface.view) storeValues(surface.view, touched);
    const response = await this.driver.blockAction({ user: body.as, source: surface.source, action, touched });
    return answered(response, 'That action');
  }

  /** The modal's submit button: the entered values go with the view_submission; errors come back by block_id. */
  async submit(body: z.infer<typeof submitBody>): Promise<ActResult> {
    this.person(body.as);
    const top = this.emulator.ws.modalStack(body.as).at(-1);
    if (!top || top.id !== body.viewId) throw new PlaygroundError('That modal is no longer on top.', 409);
    storeValues(top, stateValues(this.emulator, top.blocks, body.values));
    this.viewErrors.delete(top.id);
    const response = await this.driver.submitView(body.as);
    if (response.errors) {
      const current = this.emulator.ws.modalStack(body.as).find((v) => v.id === top.id);
      if (current) this.viewErrors.set(current.id, { hash: current.hash, errors: response.errors });
      this.emulator.changed({ kind: 'view', user: body.as });
      return { ok: false, errors: response.errors };
    }
    return answered(response, 'Submitting the form');
  }

  /** The modal's close button (the app hears of it when the view asked for notify_on_close). */
  async close(body: z.infer<typeof closeBody>): Promise<ActResult> {
    this.person(body.as);
    const top = this.emulator.ws.modalStack(body.as).at(-1);
    if (!top || (body.viewId !== undefined && top.id !== body.viewId)) return { ok: true };
    return answered(await this.driver.closeView(body.as), 'Closing the form');
  }

  /** A typed message in a thread or a conversation; the app gets the message event. */
  async reply(body: z.infer<typeof replyBody>): Promise<ActResult> {
    const person = this.person(body.as);
    const channel = this.conversation(body.as, body.channel);
    if (body.threadTs !== undefined && !this.emulator.ws.findMessage(channel, body.threadTs)) throw new PlaygroundError('That thread is gone.', 404);
    // Slack's client escapes what people type, so their text can never become a mention or a link.
    const typed = body.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await person.say(channel, typed, body.threadTs);
    return { ok: true };
  }

  /** A person deletes a message they typed (only their own, as in Slack). */
  deleteOwn(body: z.infer<typeof deleteBody>): ActResult {
    this.person(body.as);
    const channel = this.conversation(body.as, body.channel);
    const message = this.emulator.ws.findMessage(channel, body.ts);
    if (!message || message.subtype === 'tombstone') throw new PlaygroundError('That message is gone.', 404);
    if (message.user !== body.as) throw new PlaygroundError('You can delete only messages you wrote.', 403);
    this.emulator.ws.deleteMessage(message);
    return { ok: true };
  }

  /** The app's global shortcut "Start an intervision", used in a channel the person is in (its picker starts there) or nowhere in particular. */
  async shortcut(body: z.infer<typeof shortcutBody>): Promise<ActResult> {
    const person = this.person(body.as);
    const channel = body.channel === undefined ? undefined : this.conversation(body.as, body.channel);
    return answered(await person.shortcut(SHORTCUT, channel), 'The shortcut');
  }

  /** The person opens the App Home tab (the app gets app_home_opened). */
  async openHome(body: z.infer<typeof homeBody>): Promise<ActResult> {
    return answered(await this.person(body.as).openHome(), 'Opening the Home tab');
  }
}
