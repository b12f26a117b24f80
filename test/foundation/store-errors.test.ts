import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { UnknownError } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { Redis } from 'ioredis';
import { StoreUnavailableError, isStoreUnavailable } from '../../src/store/errors';
import { UNAVAILABLE_TEXT, tellUnavailable } from '../../src/slack/unavailable';
import { DEMO, startSlackBench } from '../support/slack';
import { closeConnection } from '../../src/redis/connect';
import { openTestConnection } from '../support/redis';
import { startOwnRedis } from '../support/redis-server';

/** A port nothing listens on: where "Redis" is when it is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The error a real ioredis command gives while Redis cannot be reached. */
async function redisDownError(): Promise<unknown> {
  const redis = new Redis(await closedPort(), '127.0.0.1', { maxRetriesPerRequest: 1, retryStrategy: () => 20, connectTimeout: 200 });
  redis.on('error', () => undefined);
  try {
    await redis.get('anything');
    throw new Error('expected the command to fail');
  } catch (error) {
    return error;
  } finally {
    // Let the client settle, so no reconnect timer or socket outlives the test.
    redis.disconnect();
    for (let waited = 0; redis.status !== 'end' && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('recognising an unavailable store', () => {
  it('recognises the error ioredis gives while Redis is down, also when Bolt has wrapped it', async () => {
    const error = await redisDownError();
    expect(isStoreUnavailable(error)).toBe(true);
    expect(isStoreUnavailable(new UnknownError(error as Error))).toBe(true);
  });

  it("recognises the stores' own StoreUnavailableError, directly or as a cause", () => {
    expect(isStoreUnavailable(new StoreUnavailableError())).toBe(true);
    expect(isStoreUnavailable(new Error('commit failed', { cause: new StoreUnavailableError() }))).toBe(true);
  });

  it('recognises what a Redis in a failover answers: a write to a primary just demoted to replica (READONLY)', async () => {
    const [primary, demoted] = await Promise.all([startOwnRedis(), startOwnRedis()]);
    const connection = openTestConnection(demoted.url);
    try {
      await connection.call('REPLICAOF', '127.0.0.1', String(primary.port));
      const error = await connection.set('k', 'v').catch((e: unknown) => e);
      expect(String(error)).toMatch(/^ReplyError: READONLY/);
      expect(isStoreUnavailable(error)).toBe(true);
    } finally {
      await closeConnection(connection);
      await Promise.all([primary.stop(), demoted.stop()]);
    }
  });

  it('does not mistake other failures for an unavailable store', () => {
    expect(isStoreUnavailable(new TypeError('x is not a function'))).toBe(false);
    expect(isStoreUnavailable(Object.assign(new Error('An API error occurred: channel_not_found'), { code: 'slack_webapi_platform_error' }))).toBe(false);
    expect(isStoreUnavailable('a string')).toBe(false);
  });
});

describe('telling the person the bot is unavailable', () => {
  const { alice } = DEMO.users;

  it("answers a command or a click through its response_url, only to that person", async () => {
    const slack = await startSlackBench();
    try {
      const { emulator } = slack;
      const clicked = emulator.postAsUser(alice, DEMO.channel, 'the message with the button');
      const responseUrl = emulator.issueResponseUrl({ user: alice, channel: DEMO.channel, source: { kind: 'message', ts: clicked.ts } });
      const sent = await tellUnavailable({ response_url: responseUrl, user_id: alice, channel_id: DEMO.channel }, new WebClient('xoxb-x', { slackApiUrl: slack.apiUrl }));
      expect(sent).toBe(true);
      // Ephemeral, and not in place of the message clicked.
      expect(emulator.ephemerals(alice).map((e) => e.text)).toEqual([UNAVAILABLE_TEXT]);
      expect(emulator.channelMessages(DEMO.channel).map((m) => m.text)).toEqual(['the message with the button']);
    } finally {
      await slack.stop();
    }
  });

  it('answers an event in its channel with a message only its author sees', async () => {
    const slack = await startSlackBench();
    try {
      const client = new WebClient('xoxb-x', { slackApiUrl: slack.apiUrl });
      const sent = await tellUnavailable({ type: 'event_callback', event: { type: 'message', channel: DEMO.channel, user: alice } }, client, slack.botToken);
      expect(sent).toBe(true);
      const call = slack.emulator.calls('chat.postEphemeral')[0];
      expect(call?.ok).toBe(true);
      expect(call?.args.channel).toBe(DEMO.channel);
      expect(call?.args.user).toBe(alice);
      expect(call?.args.text).toBe(UNAVAILABLE_TEXT);
    } finally {
      await slack.stop();
    }
  });

  it('stays silent when the request names nowhere to answer', async () => {
    const slack = await startSlackBench();
    try {
      const sent = await tellUnavailable({ type: 'view_submission', view: { id: 'V1' } }, new WebClient('xoxb-x', { slackApiUrl: slack.apiUrl }));
      expect(sent).toBe(false);
      expect(slack.emulator.calls()).toEqual([]);
      expect(slack.emulator.ephemerals(alice)).toEqual([]);
    } finally {
      await slack.stop();
    }
  });
});
