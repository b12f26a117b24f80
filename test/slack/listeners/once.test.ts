import { createLogger } from '../../../src/logger';
import { takeEventOnce } from '../../../src/slack/listeners/support/once';

/** Only an event id shaped like Slack's (Ev…) becomes a key in the store; anything else is acted on without one. */
describe('taking an event once', () => {
  const logger = createLogger('silent');

  it.each(['__proto__', 'constructor', '../../etc', 'Ev', 'ev123', `Ev${'A'.repeat(70)}`])('does not claim a key for the event id %j', async (eventId) => {
    const claimed: string[] = [];
    const taken = await takeEventOnce({ claim: async (id) => (claimed.push(id), true), logger, body: { event_id: eventId }, retryNum: undefined, event: 'message' });
    expect(taken).toBe(true);
    expect(claimed).toEqual([]);
  });

  it('claims a Slack event id, and a repeat of it is not taken again', async () => {
    const seen = new Set<string>();
    const claim = async (id: string): Promise<boolean> => (seen.has(id) ? false : (seen.add(id), true));
    const deliver = () => takeEventOnce({ claim, logger, body: { event_id: 'Ev0123ABCD' }, retryNum: 1, event: 'message' });
    expect(await deliver()).toBe(true);
    expect(await deliver()).toBe(false);
    expect([...seen]).toEqual(['Ev0123ABCD']);
  });
});
