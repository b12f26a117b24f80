/**
 * What the emulator needs for a deactivated account mid-session: the bot's
 * own channels (users.conversations, to find its sessions) and Slack's
 * user_change event with `deleted: true`, delivered to a real Bolt app.
 */
import type { WebClient } from '@slack/web-api';
import { RATE_TIERS } from '../../dev/emulator';
import { DEMO, type SlackBench, botClient, startSlackBench } from '../support/slack';
import { type TinyApp, startTinyBoltApp } from './tiny-bolt-app';

const { alice, dave } = DEMO.users;

let bench: SlackBench;
let client: WebClient;

beforeEach(async () => {
  bench = await startSlackBench();
  client = botClient(bench);
});

afterEach(async () => {
  await bench.stop();
});

/** The ids users.conversations lists, page by page. */
async function listed(args: { types?: string; exclude_archived?: boolean; limit?: number; user?: string }): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.users.conversations({ ...args, ...(cursor ? { cursor } : {}) });
    ids.push(...(page.channels ?? []).map((c) => c.id ?? ''));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return ids.sort();
}

describe('users.conversations', () => {
  it("lists the bot's own channels by type, page by page, without archived ones when asked", async () => {
    expect(await listed({})).toEqual([DEMO.channel]);
    expect(await listed({ types: 'public_channel,private_channel', limit: 1 })).toEqual([DEMO.channel, DEMO.private].sort());
    bench.emulator.archive(DEMO.private);
    expect(await listed({ types: 'public_channel,private_channel', exclude_archived: true })).toEqual([DEMO.channel]);
    expect(await listed({ types: 'public_channel,private_channel' })).toEqual([DEMO.channel, DEMO.private].sort());
  });

  it("another person's private channels show only where the bot is a member too", async () => {
    bench.emulator.addChannel({ id: 'C0SECRET', name: 'secret', is_private: true, members: [dave] });
    expect(await listed({ user: dave, types: 'public_channel,private_channel' })).toEqual([DEMO.channel, DEMO.outside].sort());
  });

  it('refuses bad arguments like Slack, and is a Tier 3 method', async () => {
    await expect(client.users.conversations({ types: 'everything' })).rejects.toMatchObject({ data: { error: 'invalid_types' } });
    await expect(client.users.conversations({ limit: 1000 })).rejects.toMatchObject({ data: { error: 'invalid_limit' } });
    await expect(client.users.conversations({ cursor: 'bm9wZQ==' })).rejects.toMatchObject({ data: { error: 'invalid_cursor' } });
    expect(RATE_TIERS['users.conversations']).toEqual({ tier: 3, perMinute: 50 });
  });
});

describe('a deactivated account', () => {
  let tiny: TinyApp;

  afterEach(async () => {
    await tiny.stop();
  });

  it('reaches the app as a user_change event with deleted: true, and users.info says so too', async () => {
    const seen: unknown[] = [];
    tiny = await startTinyBoltApp(bench, (app) => {
      app.event('user_change', async ({ event }) => {
        seen.push(event);
      });
    });
    bench.driver(tiny.requestUrl);
    const answer = await bench.emulator.deactivateAndNotify(dave);
    expect(answer.status).toBe(200);
    await bench.emulator.waitFor(() => seen.length > 0);
    expect(seen[0]).toMatchObject({ type: 'user_change', user: { id: dave, deleted: true, team_id: bench.emulator.ws.team.id }, cache_ts: expect.any(Number) });
    expect((await client.users.info({ user: dave })).user?.deleted).toBe(true);
    expect((await client.users.info({ user: alice })).user?.deleted).toBe(false);
    expect(bench.emulator.violations).toEqual([]);
  });
});
