import type { WebClient } from '@slack/web-api';

/** Most pages of channels read for one deactivation (200 channels a page). */
const MAX_PAGES = 50;

/** The channels the bot is in (public and private, archived ones too: a session there still exists). */
export async function botChannels(client: WebClient): Promise<string[]> {
  const channels: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await client.users.conversations({ types: 'public_channel,private_channel', limit: 200, ...(cursor ? { cursor } : {}) });
    for (const channel of answer.channels ?? []) if (channel.id) channels.push(channel.id);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return channels;
}
