/**
 * A person's hands on their open modal: fill inputs, pick options and people,
 * tick checkboxes, submit, close. Inputs are found by their visible label.
 */
import type { DriverResponse, SlackDriver } from './driver';
import type { SubmissionOutcome } from './driver-views';
import type { EmulatorPort } from './ports';
import { type Control, blocksText, controlsOf, normalize, pickOptions, textOf } from './screen';
import type { EmuView, Json } from './types';

/** What a person sees after pressing the modal's submit button. */
export interface SubmitResult {
  /** Validation errors shown under inputs, keyed by the input's label (block_id if it has none). */
  errors?: Record<string, string>;
  response: DriverResponse & SubmissionOutcome;
}

const MULTI = new Set(['multi_static_select', 'multi_external_select', 'checkboxes']);

export class ModalHandle {
  constructor(
    private readonly emulator: EmulatorPort,
    private readonly driver: SlackDriver,
    readonly user: string,
    readonly viewId: string,
  ) {}

  /** The view as it is now (throws once it is closed). */
  get view(): EmuView {
    const view = this.emulator.ws.modalStack(this.user).find((v) => v.id === this.viewId);
    if (!view) throw new Error(`The modal ${this.viewId} is no longer open for ${this.user}`);
    return view;
  }

  /** Whether the modal is still open (anywhere in the person's stack). */
  isOpen(): boolean {
    return this.emulator.ws.modalStack(this.user).some((v) => v.id === this.viewId);
  }

  /** The modal's title text. */
  get title(): string {
    return textOf(this.view.title);
  }

  /** The modal's callback_id (what the app routes submissions by). */
  get callbackId(): string {
    return this.view.callback_id;
  }

  /** Everything the modal shows, one line per piece of text. */
  text(): string {
    return blocksText(this.view.blocks);
  }

  /** Types text into the input labelled `label`. */
  async fill(label: string, text: string): Promise<void> {
    const control = this.control(label, ['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);
    await this.set(control, { value: text });
  }

  /** Chooses option(s) by their visible text in the menu, radio buttons or checkboxes labelled `label`. */
  async select(label: string, optionTexts: string | string[]): Promise<void> {
    const control = this.control(label, ['static_select', 'multi_static_select', 'radio_buttons', 'checkboxes', 'external_select', 'multi_external_select']);
    const chosen = pickOptions(control.element, Array.isArray(optionTexts) ? optionTexts : [optionTexts]);
    const multi = MULTI.has(String(control.element.type));
    if (!multi && chosen.length !== 1) throw new Error(`"${label}" takes exactly one option`);
    await this.set(control, multi ? { selected_options: chosen } : { selected_option: chosen[0] });
  }

  /** Ticks exactly these checkboxes (by visible text) in the group labelled `label`. */
  async check(label: string, optionTexts: string[]): Promise<void> {
    const control = this.control(label, ['checkboxes']);
    await this.set(control, { selected_options: pickOptions(control.element, optionTexts) });
  }

  /** Picks people in the user menu labelled `label`. */
  async pickUsers(label: string, userIds: string[]): Promise<void> {
    const control = this.control(label, ['users_select', 'multi_users_select']);
    if (control.element.type === 'users_select') {
      if (userIds.length !== 1) throw new Error(`"${label}" takes exactly one person`);
      await this.set(control, { selected_user: userIds[0] });
    } else await this.set(control, { selected_users: [...userIds] });
  }

  /**
   * Picks a conversation in the conversation or channel picker labelled
   * `label`, by id or name. Any id is taken, as a forged payload could carry
   * it; a name must be a conversation of this workspace.
   */
  async pickConversation(label: string, conversation: string): Promise<void> {
    const control = this.control(label, ['conversations_select', 'channels_select']);
    const id = this.emulator.ws.channel(conversation)?.id ?? conversation;
    await this.set(control, control.element.type === 'channels_select' ? { selected_channel: id } : { selected_conversation: id });
  }

  /** Picks a date (YYYY-MM-DD) in the date picker labelled `label`. */
  async pickDate(label: string, date: string): Promise<void> {
    await this.set(this.control(label, ['datepicker']), { selected_date: date });
  }

  /** Presses the submit button; errors come back keyed by input label. */
  async submit(): Promise<SubmitResult> {
    if (this.emulator.ws.modalStack(this.user).at(-1)?.id !== this.viewId) throw new Error('Only the top modal can be submitted');
    const labels = new Map(this.view.blocks.filter((b) => b.type === 'input').map((b) => [String(b.block_id), normalize(textOf(b.label))]));
    const response = await this.driver.submitView(this.user);
    if (!response.errors) return { response };
    const errors: Record<string, string> = {};
    for (const [blockId, message] of Object.entries(response.errors)) errors[labels.get(blockId) ?? blockId] = message;
    return { errors, response };
  }

  /** Presses the close (cancel) button. */
  async close(): Promise<void> {
    if (this.emulator.ws.modalStack(this.user).at(-1)?.id !== this.viewId) throw new Error('Only the top modal can be closed');
    await this.driver.closeView(this.user);
  }

  /** The control named `label` among the given element types; the error lists what is there. */
  private control(label: string, types: string[]): Control {
    const controls = controlsOf(this.view.blocks).filter((c) => types.includes(String(c.element.type)));
    const found = controls.find((c) => c.names.includes(normalize(label)));
    if (found) return found;
    const seen = controls.map((c) => `"${c.names[0] ?? c.element.action_id}" (${String(c.element.type)})`).join(', ');
    throw new Error(`The modal "${this.title}" has no ${types.join('/')} named "${label}"; it has: ${seen || 'none'}`);
  }

  /** Stores the value like Slack; elements outside input blocks (or with dispatch_action) also tell the app. */
  private async set(control: Control, value: Json): Promise<void> {
    const view = this.view;
    const blockId = String(control.block.block_id);
    const actionId = String(control.element.action_id);
    const entry = { type: control.element.type, ...value };
    view.state.values[blockId] = { ...(view.state.values[blockId] ?? {}), [actionId]: entry };
    this.emulator.changed({ kind: 'view', user: this.user });
    const dispatches = control.block.type !== 'input' || control.block.dispatch_action === true;
    if (!dispatches) return;
    await this.driver.blockAction({
      user: this.user,
      source: { kind: 'view', viewId: view.id },
      action: { ...entry, action_id: actionId, block_id: blockId },
    });
  }
}
