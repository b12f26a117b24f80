import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type RunningBot } from '../../src/bot';
import { MemorySessionStore } from '../../src/store/memory';
import { DEMO, startSlackBench, type SlackBench } from '../support/slack';

/** The same help, seen through the Slack emulator: what the person actually sees in the channel. */
describe('/intervision help in an emulated workspace', () => {
  let started: { bench: SlackBench; bot: RunningBot } | undefined;
  let bench: SlackBench | undefined;

  /** The running bench and bot (beforeAll must have succeeded). */
  function running(): { bench: SlackBench; bot: RunningBot } {
    if (!started) throw new Error('the bench or the bot did not start');
    return started;
  }

  beforeAll(async () => {
    bench = await startSlackBench();
    const loaded = loadConfig({ SLACK_BOT_TOKEN: bench.botToken, SLACK_SIGNING_SECRET: bench.signingSecret, SLACK_API_URL: bench.apiUrl, PORT: '0' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const bot = await startBot(loaded.config, { logger: createLogger('silent'), store: new MemorySessionStore(), storeKind: 'memory' });
    started = { bench, bot };
  });

  afterAll(async () => {
    await started?.bot.stop();
    await bench?.stop();
  });

  it('shows the usage only to alice, within Block Kit limits and in time', async () => {
    const { bench, bot } = running();
    const driver = bench.driver(`http://127.0.0.1:${bot.port}/slack/events`);
    const answer = await driver.command({ user: DEMO.users.alice, channel: DEMO.channel, command: '/intervision', text: 'help' });
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(3000);
    const seen = bench.emulator.ephemerals(DEMO.users.alice, DEMO.channel);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.text).toContain('/intervision new [format]');
    expect(bench.emulator.ephemerals(DEMO.users.bob, DEMO.channel)).toEqual([]);
    expect(bench.emulator.violations).toEqual([]);
  });

  it('refuses a forged request', async () => {
    const { bench, bot } = running();
    const driver = bench.driver(`http://127.0.0.1:${bot.port}/slack/events`).forged('bad-signature');
    const answer = await driver.command({ user: DEMO.users.alice, channel: DEMO.channel, command: '/intervision', text: 'help' });
    expect(answer.status).toBe(401);
  });
});
