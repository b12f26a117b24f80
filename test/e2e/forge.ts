/**
 * Requests a person's own Slack client would never send, but anyone holding
 * a copy of a request could: a modal submission with its fields changed,
 * signed like Slack's, for the hardening tests.
 */
import { problemsShown } from '../support/form-problems';
import type { EmuView } from '../../dev/emulator';
import { viewSubmissionPayload } from '../../dev/emulator/driver-payloads';
import type { TestBot } from '../support/bot';

/** The modal `user` has open now. */
export function openModal(bot: TestBot, user: string): EmuView {
  const view = bot.emulator.ws.modalStack(user).at(-1);
  if (!view) throw new Error(`${user} has no modal open`);
  return view;
}

/** The bot's answer to a submission: field errors, a view replacing the modal, or nothing (the modal closes). */
export interface SubmissionAnswer {
  response_action?: string;
  errors?: Record<string, string>;
  view?: { blocks?: Array<{ text?: { text?: string } }> };
}

/** Submits `view` as `user` with some of its fields changed; returns the bot's whole answer ('' when it closed the modal). */
export async function answerToForged(
  bot: TestBot,
  user: string,
  view: EmuView,
  change: Partial<Pick<EmuView, 'private_metadata' | 'callback_id' | 'state'>> = {},
): Promise<SubmissionAnswer | ''> {
  const payload = viewSubmissionPayload(bot.emulator, user, { ...view, ...change }, bot.emulator.issueTrigger(user));
  const response = await bot.driver.sendPayload(payload);
  await bot.settle();
  expect(response.status).toBe(200);
  return typeof response.body === 'object' && response.body !== null ? (response.body as SubmissionAnswer) : '';
}

/** Submits `view` as `user` with some of its fields changed; returns the field errors the bot answered with. */
export async function submitForged(
  bot: TestBot,
  user: string,
  view: EmuView,
  change: Partial<Pick<EmuView, 'private_metadata' | 'callback_id' | 'state'>> = {},
): Promise<Record<string, string> | undefined> {
  const body = await answerToForged(bot, user, view, change);
  if (typeof body === 'object' && body.response_action === 'errors') return body.errors;
  // Problems found after the answer (people, channel) come back in the redrawn form.
  return problemsShown(bot.emulator.ws.findView({ id: view.id }));
}
