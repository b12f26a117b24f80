import { CallBudget } from '../../src/slack/budget';

/** The chat.update budget: within Slack's tier, the step people act on first. */
describe('a call budget', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('lets a burst through at once, then one call per share of the minute', async () => {
    const budget = new CallBudget(60, 3);
    const done: number[] = [];
    for (let i = 0; i < 5; i += 1) void budget.take('high').then(() => done.push(Date.now()));
    await jest.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0, 0, 0]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(done).toHaveLength(4);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(done).toHaveLength(5);
    // Never more than the burst plus the minute's share: 60 a minute here.
    expect(done.every((at, i) => i < 3 || at >= (i - 2) * 1_000)).toBe(true);
  });

  it('tells how long each call that had to wait waited (the metrics add it up), and nothing for one that went at once', async () => {
    const waits: number[] = [];
    const budget = new CallBudget(60, 1, Date.now, (seconds) => waits.push(seconds));
    await budget.take('high');
    void budget.take('high');
    void budget.take('low');
    await jest.advanceTimersByTimeAsync(3_000);
    expect(waits).toEqual([1, 2]);
  });

  it('serves waiting high-priority calls before low ones, whatever came first', async () => {
    const budget = new CallBudget(60, 1);
    const order: string[] = [];
    await budget.take('low');
    void budget.take('low').then(() => order.push('card'));
    void budget.take('low').then(() => order.push('board page 2'));
    void budget.take('high').then(() => order.push('step'));
    expect(budget.queued).toBe(3);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(order).toEqual(['step', 'card', 'board page 2']);
    expect(budget.queued).toBe(0);
  });

  it('never lets more than the tier through in any 60 seconds, whatever the burst', async () => {
    // 6 a minute with a burst of 4: the bucket alone would allow 4 + 6 in the first minute.
    const budget = new CallBudget(6, 4);
    const done: number[] = [];
    for (let i = 0; i < 14; i += 1) void budget.take(i % 2 === 0 ? 'high' : 'low').then(() => done.push(Date.now()));
    await jest.advanceTimersByTimeAsync(180_000);
    expect(done).toHaveLength(14);
    for (const at of done) expect(done.filter((t) => t > at - 60_000 && t <= at).length).toBeLessThanOrEqual(6);
    // And it does not wait longer than it must: the 7th call goes as the first leaves the window.
    expect(done[6]).toBeLessThanOrEqual(60_001);
  });
});

