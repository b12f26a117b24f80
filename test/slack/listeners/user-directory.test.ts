import type { WebClient } from '@slack/web-api';
import { CallBudget } from '../../../src/slack/budget';
import { UserDirectory } from '../../../src/slack/listeners/support/users';

/** users.info as Slack answers it (the Web API itself cannot run here): counts the calls. */
function slackUsers(locale = 'de-DE'): { client: WebClient; calls: string[]; asked: Array<Record<string, unknown>>; setLocale(next: string): void } {
  const calls: string[] = [];
  const asked: Array<Record<string, unknown>> = [];
  let current = locale;
  const info = async (args: { user: string; include_locale?: boolean }) => {
    calls.push(args.user);
    asked.push(args);
    return { ok: true, user: { id: args.user, name: args.user.toLowerCase(), tz: 'Europe/Berlin', ...(args.include_locale ? { locale: current } : {}) } };
  };
  return { client: { users: { info } } as unknown as WebClient, calls, asked, setLocale: (next) => (current = next) };
}

describe('the user directory', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('asks Slack within its budget: a look-up past it waits for its turn instead of meeting a 429', async () => {
    const { client, calls } = slackUsers();
    const users = new UserDirectory(client, 'UBOT', 60_000, Date.now, 100, new CallBudget(2, 2));
    const answered: string[] = [];
    void users.many(['U1', 'U2', 'U3']).then((found) => answered.push(...found.keys()));
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['U1', 'U2']);
    expect(answered).toEqual([]);
    await jest.advanceTimersByTimeAsync(60_001);
    expect(calls).toEqual(['U1', 'U2', 'U3']);
    expect(answered).toEqual(['U1', 'U2', 'U3']);
  });

  it('answers a person it knows from its cache without spending the budget', async () => {
    const { client, calls } = slackUsers();
    const budget = new CallBudget(1, 1);
    const users = new UserDirectory(client, 'UBOT', 60_000, Date.now, 100, budget);
    expect((await users.info('U1'))?.tz).toBe('Europe/Berlin');
    expect((await users.info('U1'))?.name).toBe('u1');
    expect(calls).toEqual(['U1']);
    expect(budget.queued).toBe(0);
  });

  it('knows each person\'s Slack language (asked with include_locale), and asks again once told their profile changed', async () => {
    const slack = slackUsers('de-DE');
    const users = new UserDirectory(slack.client, 'UBOT', 60_000, Date.now, 100);
    expect((await users.info('U1'))?.locale).toBe('de-DE');
    expect(slack.asked).toEqual([{ user: 'U1', include_locale: true }]);
    slack.setLocale('nl-NL');
    expect((await users.info('U1'))?.locale).toBe('de-DE');
    users.forget('U1');
    expect((await users.info('U1'))?.locale).toBe('nl-NL');
    expect(slack.calls).toEqual(['U1', 'U1']);
  });
});
