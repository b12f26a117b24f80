/**
 * The playground's JSON API as the page calls it, with plain fetch, for the
 * API tests: what a person sees, and what they do. And the playground those
 * tests run against.
 */
import { createLogger } from '../../src/logger';
import { type PersonState, type Playground, startPlayground } from '../../dev/playground';

export interface Answer {
  status: number;
  body: { ok?: boolean; error?: string; errors?: Record<string, string> };
}

/** GETs a path; the parsed JSON body (or the text) and the status. */
export async function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('application/json')) body = JSON.parse(text) as unknown;
  return { status: res.status, body, headers: res.headers };
}

/** POSTs JSON to the API. */
export async function post(base: string, path: string, body: unknown, contentType = 'application/json'): Promise<Answer> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** What `as` sees right now. */
export async function stateOf(base: string, as: string): Promise<PersonState> {
  const answer = await get(base, `/api/state?as=${as}`);
  if (answer.status !== 200) throw new Error(`state of ${as}: HTTP ${answer.status}`);
  return answer.body as PersonState;
}

/** Polls what `as` sees until `probe` returns something (the bot acts after it acks, so tests wait, not sleep). */
export async function eventually<T>(base: string, as: string, probe: (state: PersonState) => T | undefined | false, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = probe(await stateOf(base, as));
    if (found !== undefined && found !== false) return found;
    if (Date.now() > until) throw new Error(`what ${as} sees did not get there within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A button's accessible name as a pattern: exactly `label`, or `label` with a
 * live count after a middle dot ("Start (facilitator) · 2 of 3 ready"), as
 * the emulator's Person.findButton finds it.
 */
export function buttonName(label: string): RegExp {
  return new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( · .+)?$`);
}

/** Every text a person sees in the channel (messages, replies, blocks), joined, for toContain. */
export function channelText(state: PersonState): string {
  return JSON.stringify(state.channels.map((c) => [c.messages, c.threads]));
}

/**
 * A playground (in memory, on a free port, logging nothing) started before
 * the tests of the file or describe block this is called in, and stopped
 * after them. Call the function it returns inside a test to get it.
 */
export function playgroundForTests(): () => Playground {
  let playground: Playground | undefined;
  beforeAll(async () => {
    playground = await startPlayground({ port: 0, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await playground?.stop();
  });
  return () => {
    if (!playground) throw new Error('the playground did not start');
    return playground;
  };
}
