/**
 * Web API calls counted by method and outcome, through the fetch the bot's
 * clients use, against the Slack emulator: ok, Slack's error code, a 429
 * with its Retry-After, a 5xx, and a Slack that cannot be reached.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { prometheusMetrics } from '../../src/metrics/prometheus';
import { meteredFetch } from '../../src/slack/api-metrics';
import { freePort } from '../support/redis-server';
import { DEMO, type SlackBench, startSlackBench } from '../support/slack';

let bench: SlackBench;

beforeAll(async () => {
  bench = await startSlackBench();
});

afterAll(async () => {
  await bench.stop();
});

it('counts each HTTP call by method and outcome, and adds a 429 Retry-After to the rate-limit wait', async () => {
  const metrics = prometheusMetrics({ processMetrics: false });
  const client = new WebClient(bench.botToken, { slackApiUrl: bench.apiUrl, fetch: meteredFetch(metrics), logLevel: LogLevel.ERROR, retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 10 } });
  await client.chat.postMessage({ channel: DEMO.channel, text: 'counted, never labelled' });
  await expect(client.chat.update({ channel: DEMO.channel, ts: '1.000001', text: 'nothing here' })).rejects.toThrow();
  bench.emulator.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
  await client.chat.postMessage({ channel: DEMO.channel, text: 'after a wait' });
  bench.emulator.failNext('auth.test', { status: 503 }, 2);
  await expect(client.auth.test()).rejects.toThrow();
  const { body } = await metrics.scrape();
  expect(body).toContain('intervision_slack_api_calls_total{method="chat.postMessage",outcome="ok"} 2');
  expect(body).toContain('intervision_slack_api_calls_total{method="chat.update",outcome="message_not_found"} 1');
  expect(body).toContain('intervision_slack_api_calls_total{method="chat.postMessage",outcome="rate_limited"} 1');
  expect(body).toContain('intervision_slack_api_calls_total{method="auth.test",outcome="http_503"} 2');
  expect(body).toContain('intervision_slack_rate_limit_wait_seconds_total{source="retry_after"} 1');
  expect(body).not.toContain('counted, never labelled');
  expect(body).not.toContain(DEMO.channel);
});

it('a Slack that cannot be reached is counted as "network"', async () => {
  const metrics = prometheusMetrics({ processMetrics: false });
  const client = new WebClient('xoxb-unused', { slackApiUrl: `http://127.0.0.1:${await freePort()}/api/`, fetch: meteredFetch(metrics), logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  await expect(client.auth.test()).rejects.toThrow();
  expect((await metrics.scrape()).body).toContain('intervision_slack_api_calls_total{method="auth.test",outcome="network"} 1');
});
