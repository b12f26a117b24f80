import type { WebClient } from '@slack/web-api';
import { ManualClock } from '../../../src/clock';
import { formats } from '../../../src/engine';
import { oneWorkspace, PUBLISHES_PER_MINUTE } from '../../../src/slack/install/workspace-access';
import { HomeTabs } from '../../../src/slack/outbound/homes';
import { MemorySessionStore } from '../../../src/store/memory';
import { capturedLogger } from '../../support/log';
import { aSession } from '../../store/session-fixture';

/** views.publish as Slack takes it: who, when (the fake clock). */
interface Published {
  user: string;
  at: number;
  text: string;
}

/**
 * The App Homes of many people at once (a large workspace where everyone
 * opened theirs): every publish waits for the workspace's views.publish
 * budget, so Slack's Tier 4 is never exceeded in any minute, and a burst of
 * changes is one publish per person.
 */
describe('App Homes for many people', () => {
  let published: Published[];
  let homes: HomeTabs;
  let store: MemorySessionStore;
  const people = Array.from({ length: 150 }, (_, i) => `U${String(i).padStart(4, '0')}`);

  beforeEach(async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    published = [];
    const client = {
      views: {
        publish: async (args: { user_id: string; view: unknown }) => {
          published.push({ user: args.user_id, at: Date.now(), text: JSON.stringify(args.view) });
          return { ok: true };
        },
      },
      chat: { getPermalink: async () => ({ ok: true, permalink: 'https://demo.slack.com/archives/C0123/p1' }) },
    } as unknown as WebClient;
    store = new MemorySessionStore();
    homes = new HomeTabs({ store, access: oneWorkspace(client, 'U0BOT', undefined), registry: formats, clock: new ManualClock(), logger: capturedLogger('silent').logger });
  });

  afterEach(() => {
    homes.stop();
    jest.useRealTimers();
  });

  /** The most publishes in any 60 seconds. */
  function busiestMinute(): number {
    return Math.max(...published.map((p) => published.filter((q) => q.at > p.at - 60_000 && q.at <= p.at).length));
  }

  it('publishes everyone who opens their home, within the tier in any minute', async () => {
    const opened = Promise.all(people.map((user) => homes.opened(undefined, user)));
    await jest.advanceTimersByTimeAsync(3 * 60_000);
    await opened;
    expect(published).toHaveLength(people.length);
    expect(busiestMinute()).toBeLessThanOrEqual(PUBLISHES_PER_MINUTE);
    expect(PUBLISHES_PER_MINUTE).toBeLessThan(100);
  });

  it("a session's changes reach each of its people's homes once per burst, paced, with the session listed", async () => {
    const session = aSession({ id: 'sbig', facilitator: people[0]!, presenter: people[1]!, members: people.slice(2), agreed: [...people] });
    await store.create(session, []);
    await store.indexPeople(session, people);
    const opened = Promise.all(people.map((user) => homes.opened(undefined, user)));
    await jest.advanceTimersByTimeAsync(3 * 60_000);
    await opened;
    const before = published.length;
    for (let i = 0; i < 5; i++) homes.changed(session, people);
    await jest.advanceTimersByTimeAsync(4 * 60_000);
    const again = published.slice(before);
    expect(again).toHaveLength(people.length);
    expect(new Set(again.map((p) => p.user)).size).toBe(people.length);
    expect(busiestMinute()).toBeLessThanOrEqual(PUBLISHES_PER_MINUTE);
    expect(again.every((p) => p.text.includes('Tuesday intervision'))).toBe(true);
  });

  it('a change reaches only the homes that were opened on this process', async () => {
    const session = aSession({ id: 'ssmall', facilitator: 'U1', presenter: 'U2', members: ['U3', 'U4'] });
    await store.create(session, []);
    await store.indexPeople(session, ['U1', 'U2', 'U3', 'U4']);
    await homes.opened(undefined, 'U3');
    homes.changed(session, ['U1', 'U2', 'U3', 'U4']);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(published.map((p) => p.user)).toEqual(['U3', 'U3']);
  });
});
