/**
 * A person in the emulated workspace, acting on what they can see: channel
 * messages, threads, their own ephemeral messages, their DMs with the bot,
 * their open modal and their Home tab. Tests read like the person's day:
 * `alice.command('/intervision', 'new')`, `bob.click('I pass')`.
 */
import { openTo } from './access';
import type { DriverResponse, SlackDriver } from './driver';
import type { ActionSource } from './driver-payloads';
import { ModalHandle } from './person-modal';
import type { EmulatorPort } from './ports';
import { type Control, blocksText, controlsOf, normalize, pickOptions } from './screen';
import type { EmuEphemeral, EmuMessage, Json, StateValues } from './types';
import type { Workspace } from './workspace';

/** Where to look: a surface kind, a channel (optionally one thread or one message). */
export type Where = 'modal' | 'home' | 'dm' | 'ephemeral' | { channel: string; thread?: string; ts?: string };

/** One thing on the person's screen that can hold blocks. */
export interface SeenItem {
  kind: 'modal' | 'ephemeral' | 'message' | 'dm' | 'home';
  /** Where it is, for error messages ("message 1700000000.000100 in #intervision"). */
  place: string;
  source: ActionSource;
  ts?: string;
  text: string;
  blocks: Json[];
  user?: string;
  thread_ts?: string;
}

/**
 * What each person chose in menus of messages, per workspace: Slack keeps a
 * person's selection in a message on their client and reports it in the
 * `state` of their later clicks on that message (e.g. a menu, then "Confirm").
 */
const chosenInMessages = new WeakMap<Workspace, Map<string, StateValues>>();

function messageKey(user: string, source: ActionSource): string | undefined {
  if (source.kind === 'message') return `${user}|${source.channel}|${source.ts}`;
  if (source.kind === 'ephemeral') return `${user}|eph|${source.id}`;
  return undefined;
}

const SELECTS = ['static_select', 'multi_static_select', 'external_select', 'multi_external_select', 'users_select', 'multi_users_select', 'overflow', 'radio_buttons', 'checkboxes'];

export class Person {
  constructor(
    private readonly emulator: EmulatorPort,
    private readonly driver: SlackDriver,
    readonly id: string,
  ) {}

  private get ws() {
    return this.emulator.ws;
  }

  /** Runs a slash command in a channel (default: the emulator's default channel); returns the app's ack and the ephemeral replies. */
  async command(command: string, text = '', channel?: string): Promise<DriverResponse & { triggerId: string; responseUrl: string; ephemerals: EmuEphemeral[] }> {
    const target = channel ?? this.emulator.defaultChannel;
    if (!target) throw new Error('No channel given and the emulator has no defaultChannel');
    if (!this.canRead(target)) throw new Error(`${this.name} cannot open ${target}: it is private and they are not in it`);
    const before = new Set(this.ws.ephemerals.map((e) => e.id));
    const response = await this.driver.command({ user: this.id, channel: target, command, text });
    const ephemerals = this.emulator.ephemerals(this.id).filter((e) => !before.has(e.id));
    return { ...response, ephemerals };
  }

  /** Messages this person sees in a channel: everyone's top-level messages plus their own ephemerals, oldest first (none if they cannot read it). */
  visibleMessages(channel: string): SeenItem[] {
    const c = this.channelOrThrow(channel);
    if (!this.canRead(c.id)) return [];
    const top = this.ws.allMessages(c.id).filter((m) => !m.thread_ts || m.thread_ts === m.ts || m.reply_broadcast);
    const own = this.ws.ephemerals.filter((e) => e.user === this.id && e.channel === c.id && !e.thread_ts);
    return this.merge(top.map((m) => this.seenMessage(m)), own.map((e) => this.seenEphemeral(e)));
  }

  /** A thread as this person sees it: parent, replies, and their own ephemerals in it. */
  thread(channel: string, ts: string): SeenItem[] {
    const c = this.channelOrThrow(channel);
    if (!this.canRead(c.id)) return [];
    const messages = this.ws.allMessages(c.id).filter((m) => m.ts === ts || m.thread_ts === ts);
    const own = this.ws.ephemerals.filter((e) => e.user === this.id && e.channel === c.id && e.thread_ts === ts);
    return this.merge(messages.map((m) => this.seenMessage(m)), own.map((e) => this.seenEphemeral(e)));
  }

  /** Messages in this person's DM with the bot. */
  dms(): SeenItem[] {
    const dm = [...this.ws.channels.values()].find((c) => c.is_im && c.user === this.id);
    return dm ? this.ws.allMessages(dm.id).map((m) => ({ ...this.seenMessage(m), kind: 'dm' as const })) : [];
  }

  /** This person's ephemeral messages, oldest first (those in channels they can no longer read are gone). */
  ephemerals(): SeenItem[] {
    return this.ws.ephemerals.filter((e) => e.user === this.id && this.canRead(e.channel)).map((e) => this.seenEphemeral(e));
  }

  /** The top open modal (throws when none is open). */
  modal(): ModalHandle {
    const top = this.ws.modalStack(this.id).at(-1);
    if (!top) throw new Error(`${this.name} has no modal open`);
    return new ModalHandle(this.emulator, this.driver, this.id, top.id);
  }

  /** Everything this person sees (optionally in one place), newest-relevant first: modal, ephemerals, channels, DMs, Home. */
  seen(where?: Where): SeenItem[] {
    if (where === 'modal') {
      const top = this.ws.modalStack(this.id).at(-1);
      return top ? [{ kind: 'modal', place: `modal "${top.callback_id}"`, source: { kind: 'view', viewId: top.id }, text: '', blocks: top.blocks }] : [];
    }
    if (where === 'home') {
      const home = this.ws.homes.get(this.id);
      return home ? [{ kind: 'home', place: 'Home tab', source: { kind: 'view', viewId: home.id }, text: '', blocks: home.blocks }] : [];
    }
    if (where === 'dm') return this.dms().reverse();
    if (where === 'ephemeral') return this.ephemerals().reverse();
    if (where !== undefined) {
      if (where.ts) return this.visibleAll(where.channel).filter((i) => i.ts === where.ts);
      return (where.thread ? this.thread(where.channel, where.thread) : this.visibleAll(where.channel)).reverse();
    }
    const channels = [...this.ws.channels.values()].filter((c) => !c.is_im && c.members.includes(this.id) && this.canRead(c.id));
    const inChannels = channels.flatMap((c) => this.visibleAll(c.id).filter((i) => i.kind === 'message'));
    inChannels.sort((a, b) => Number(b.ts) - Number(a.ts));
    return [...this.seen('modal'), ...this.seen('ephemeral'), ...inChannels, ...this.seen('dm'), ...this.seen('home')];
  }

  /** All text this person sees (optionally in one place), for assertions like `toContain("It is Bob's turn")`. */
  read(where?: Where): string {
    return this.seen(where).map((i) => [i.text, blocksText(i.blocks)].filter(Boolean).join('\n')).join('\n');
  }

  /**
   * Finds a button by its visible text; the error lists every button this
   * person can see. A label that carries a live count after a middle dot
   * ("Start (facilitator) · 5 of 6 ready") is also found by its stable part.
   */
  findButton(label: string, where?: Where): { item: SeenItem; control: Control } {
    const wanted = normalize(label);
    const items = this.seen(where);
    const matches = (name: string | undefined) => name === wanted || (name !== undefined && name.startsWith(`${wanted} · `));
    for (const item of items) {
      const control = controlsOf(item.blocks).find((c) => c.element.type === 'button' && matches(c.names[0]));
      if (control) return { item, control };
    }
    const visible = items.flatMap((i) => controlsOf(i.blocks).filter((c) => c.element.type === 'button').map((c) => `"${c.names[0] ?? ''}" (${i.place})`));
    throw new Error(`${this.name} sees no button "${label}". Buttons they see: ${visible.join(', ') || 'none'}`);
  }

  /** Clicks a button (a confirm dialog, if any, is confirmed); returns the app's ack. */
  async click(label: string, where?: Where): Promise<DriverResponse> {
    const { item, control } = this.findButton(label, where);
    const el = control.element;
    const action: Json = { type: 'button', action_id: el.action_id, block_id: control.block.block_id, text: el.text };
    if (el.value !== undefined) action.value = el.value;
    if (el.style !== undefined) action.style = el.style;
    const key = messageKey(this.id, item.source);
    const touched = key ? chosenInMessages.get(this.ws)?.get(key) : undefined;
    return this.driver.blockAction({ user: this.id, source: item.source, action, ...(touched ? { touched: structuredClone(touched) } : {}) });
  }

  /** Chooses option(s) in a menu found by its placeholder, input label or the section text beside it. */
  async selectOption(menu: string, optionTexts: string | string[], where?: Where): Promise<DriverResponse> {
    const wanted = normalize(menu);
    for (const item of this.seen(where)) {
      const control = controlsOf(item.blocks).find((c) => SELECTS.includes(String(c.element.type)) && c.names.includes(wanted));
      if (!control) continue;
      const type = String(control.element.type);
      const texts = Array.isArray(optionTexts) ? optionTexts : [optionTexts];
      const value: Json = type.startsWith('multi_') || type === 'checkboxes' ? { selected_options: pickOptions(control.element, texts) } : { selected_option: pickOptions(control.element, texts)[0] };
      const blockId = String(control.block.block_id);
      const actionId = String(control.element.action_id);
      const entry = { type, ...value };
      if (item.source.kind === 'view') {
        const view = this.ws.findView({ id: item.source.viewId });
        if (view) view.state.values[blockId] = { ...(view.state.values[blockId] ?? {}), [actionId]: entry };
      }
      const action = { ...entry, action_id: actionId, block_id: blockId };
      const key = messageKey(this.id, item.source);
      let touched: StateValues = { [blockId]: { [actionId]: entry } };
      if (key) {
        const chosen = chosenInMessages.get(this.ws) ?? new Map<string, StateValues>();
        chosenInMessages.set(this.ws, chosen);
        const before = chosen.get(key) ?? {};
        touched = { ...before, [blockId]: { ...(before[blockId] ?? {}), [actionId]: entry } };
        chosen.set(key, touched);
      }
      return this.driver.blockAction({ user: this.id, source: item.source, action, touched: structuredClone(touched) });
    }
    throw new Error(`${this.name} sees no menu "${menu}"`);
  }

  /** Types a message in a channel or thread (people's messages the bot cannot delete); the app gets a message event. */
  async say(channel: string, text: string, threadTs?: string): Promise<EmuMessage> {
    const c = this.channelOrThrow(channel);
    const message = this.emulator.postAsUser(this.id, c.id, text, threadTs);
    const event: Json = { type: 'message', channel: c.id, user: this.id, text, ts: message.ts, team: this.ws.team.id, channel_type: c.is_im ? 'im' : c.is_private ? 'group' : 'channel' };
    if (message.thread_ts) event.thread_ts = message.thread_ts;
    if (message.parent_user_id) event.parent_user_id = message.parent_user_id;
    await this.driver.event(event);
    return message;
  }

  /**
   * Uses one of the app's global shortcuts (the lightning menu), by its
   * callback_id; `from`: the channel they are in when they use it (a modal's
   * picker with default_to_current_conversation starts there).
   */
  async shortcut(callbackId: string, from?: string): Promise<DriverResponse & { triggerId: string }> {
    const channel = from === undefined ? undefined : this.channelOrThrow(from);
    if (channel && !this.canRead(channel.id)) throw new Error(`${this.name} cannot be in ${from}: it is private and they are not in it`);
    return this.driver.shortcut({ user: this.id, callbackId, ...(channel ? { conversation: channel.id } : {}) });
  }

  /** Opens the bot's Home tab (the app gets app_home_opened). */
  async openHome(): Promise<DriverResponse> {
    const dm = this.ws.dmWith(this.id);
    const home = this.ws.homes.get(this.id);
    return this.driver.event({ type: 'app_home_opened', user: this.id, channel: dm.id, tab: 'home', ...(home ? { view: this.emulator.home(this.id) } : {}) });
  }

  /** Joins a public channel (the app gets member_joined_channel if it is in the channel); private ones need an invitation. */
  async join(channel: string): Promise<DriverResponse | undefined> {
    const c = this.channelOrThrow(channel);
    if (c.is_private || c.is_archived) throw new Error(`${this.name} cannot join #${c.name}: ${c.is_archived ? 'it is archived' : 'a private channel needs an invitation'}`);
    this.ws.join(c.id, this.id);
    if (!c.members.includes(this.ws.bot.userId)) return undefined;
    return this.driver.event({ type: 'member_joined_channel', user: this.id, channel: c.id, channel_type: c.is_private ? 'G' : 'C', team: this.ws.team.id });
  }

  private get name(): string {
    return this.ws.users.get(this.id)?.name ?? this.id;
  }

  private canRead(channelId: string): boolean {
    return openTo(this.ws, this.id, channelId);
  }

  private channelOrThrow(channel: string) {
    const c = this.ws.channel(channel);
    if (!c) throw new Error(`No channel ${channel}`);
    return c;
  }

  /** Channel messages, replies and own ephemerals anywhere in the channel, oldest first. */
  private visibleAll(channel: string): SeenItem[] {
    const c = this.channelOrThrow(channel);
    if (!this.canRead(c.id)) return [];
    const own = this.ws.ephemerals.filter((e) => e.user === this.id && e.channel === c.id);
    return this.merge(this.ws.allMessages(c.id).map((m) => this.seenMessage(m)), own.map((e) => this.seenEphemeral(e)));
  }

  private merge(a: SeenItem[], b: SeenItem[]): SeenItem[] {
    return [...a, ...b].sort((x, y) => Number(x.ts) - Number(y.ts));
  }

  private seenMessage(m: EmuMessage): SeenItem {
    const c = this.ws.channels.get(m.channel);
    const place = `message ${m.ts} in ${c?.is_im ? 'DM' : `#${c?.name ?? m.channel}`}`;
    return { kind: 'message', place, source: { kind: 'message', channel: m.channel, ts: m.ts }, ts: m.ts, text: m.text, blocks: m.blocks ?? [], user: m.user, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}) };
  }

  private seenEphemeral(e: EmuEphemeral): SeenItem {
    const place = `ephemeral ${e.ts} in #${this.ws.channels.get(e.channel)?.name ?? e.channel}`;
    return { kind: 'ephemeral', place, source: { kind: 'ephemeral', id: e.id }, ts: e.ts, text: e.text, blocks: e.blocks ?? [], user: this.ws.bot.userId, ...(e.thread_ts ? { thread_ts: e.thread_ts } : {}) };
  }
}
