/**
 * The bare Bolt app of bench:http, run as its own process: the same
 * @slack/bolt and HTTPReceiver as the bot, the same signing secret, and one
 * global middleware that only acks. Its figures are the floor any Bolt app on
 * this machine pays for a signed request.
 * Env: SLACK_SIGNING_SECRET, PORT.
 */
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

async function main(): Promise<void> {
  const signingSecret = process.env.SLACK_SIGNING_SECRET;
  const port = Number(process.env.PORT);
  if (!signingSecret || !port) throw new Error('the bare app needs SLACK_SIGNING_SECRET and PORT');
  const app = new App({
    receiver: new HTTPReceiver({ signingSecret }),
    // A fixed answer: with a token, Bolt would call auth.test on the first request; this app calls no Web API method.
    authorize: () => Promise.resolve({ botToken: 'xoxb-bare-app', botUserId: 'U0BARE', botId: 'B0BARE' }),
    logLevel: LogLevel.ERROR,
  });
  app.use(async (args) => {
    // Commands, actions, view submissions and the like: ack, nothing else. Events are acked by Bolt itself.
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (ack) await ack();
  });
  await app.start({ port, host: '127.0.0.1' });
  const stop = (): void => {
    app.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
