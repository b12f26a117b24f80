import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { t, type Lang } from '../i18n';

/**
 * Telling a person that the bot cannot serve them right now (its store is
 * down), instead of letting their click or command fail without a word.
 */

/** The notice in English (tests and docs refer to it). */
export const UNAVAILABLE_TEXT = t('en', 'replies:unavailable');

/** Where an answer can go: a response_url (commands, buttons), or the channel and person of an event. */
const replyTarget = z.object({
  response_url: z.url({ protocol: /^https?$/ }).optional(),
  channel_id: z.string().optional(),
  user_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  user: z.object({ id: z.string() }).optional(),
  event: z.object({ channel: z.string().optional(), user: z.string().optional() }).optional(),
});

/**
 * Sends the "temporarily unavailable" notice only to the person who asked,
 * in `lang` (DEFAULT_LANGUAGE: with the store away, nothing about them is looked up).
 * Returns false when the request says nowhere to answer (a modal submission).
 */
export async function tellUnavailable(body: unknown, client: WebClient, botToken?: string, fetchFn: typeof fetch = fetch, lang: Lang = 'en'): Promise<boolean> {
  const parsed = replyTarget.safeParse(body);
  if (!parsed.success) return false;
  const target = parsed.data;
  const text = t(lang, 'replies:unavailable');
  if (target.response_url) {
    const response = await fetchFn(target.response_url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
    });
    if (!response.ok) throw new Error(`response_url answered ${response.status}`);
    return true;
  }
  const channel = target.channel_id ?? target.channel?.id ?? target.event?.channel;
  const user = target.user_id ?? target.user?.id ?? target.event?.user;
  if (!channel || !user) return false;
  await client.chat.postEphemeral({ channel, user, text, ...(botToken ? { token: botToken } : {}) });
  return true;
}
