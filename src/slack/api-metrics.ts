/**
 * Every HTTP call the bot's Web API clients make, counted by method and
 * outcome: the clients take this `fetch` (WebClientOptions.fetch) wherever
 * they are made (the app's, each request's, each installed workspace's), so
 * retries are counted one by one, as Slack sees them. A 429's Retry-After is
 * the time the client then waits, and is added to the rate-limit wait.
 */
import type { FetchFunction } from '@slack/web-api';
import type { Metrics } from '../metrics/metrics';

type FetchResponse = Awaited<ReturnType<FetchFunction>>;

/** The method a Web API URL calls ("chat.postMessage"), its last path segment. */
export function methodOf(url: string | URL): string {
  try {
    const path = new URL(String(url)).pathname;
    return path.slice(path.lastIndexOf('/') + 1) || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** "ok", or Slack's error code, from a Web API answer's body. */
export function outcomeOfBody(text: string): string {
  try {
    const body = JSON.parse(text) as { ok?: unknown; error?: unknown };
    if (body.ok === true) return 'ok';
    return typeof body.error === 'string' ? body.error : 'unparsed';
  } catch {
    return 'unparsed';
  }
}

/** The response as the client reads it, telling `onBody` what its body said once it has been read. */
function reading(response: FetchResponse, onBody: (text: string) => void): FetchResponse {
  return {
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    url: response.url,
    headers: response.headers,
    arrayBuffer: () => response.arrayBuffer(),
    json: () => response.json(),
    text: async () => {
      const text = await response.text();
      onBody(text);
      return text;
    },
  };
}

/** A fetch that reports each call to `metrics`; `base` (the global fetch) does the work. */
export function meteredFetch(metrics: Metrics, base: FetchFunction = globalThis.fetch as unknown as FetchFunction): FetchFunction {
  return async (url, init) => {
    const method = methodOf(url);
    const started = performance.now();
    let response: FetchResponse;
    try {
      response = await base(url, init);
    } catch (error) {
      metrics.slackCall(method, 'network', (performance.now() - started) / 1000);
      throw error;
    }
    const seconds = (performance.now() - started) / 1000;
    if (response.status === 429) {
      metrics.slackCall(method, 'rate_limited', seconds);
      const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      if (Number.isFinite(retryAfter) && retryAfter > 0) metrics.rateLimitWait('retry_after', retryAfter);
      return response;
    }
    if (response.status !== 200) {
      metrics.slackCall(method, `http_${response.status}`, seconds);
      return response;
    }
    return reading(response, (text) => metrics.slackCall(method, outcomeOfBody(text), seconds));
  };
}

/** Client options that meter every call, when metrics are on; none otherwise. */
export function meteredClientOptions(metrics: Metrics | undefined): { fetch?: FetchFunction } {
  return metrics?.enabled ? { fetch: meteredFetch(metrics) } : {};
}
