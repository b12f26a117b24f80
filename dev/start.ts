/**
 * `npm start` on a clone: with no Slack settings at all, someone is trying
 * the bot out, so it serves the playground (the real bot with Slack emulated);
 * with any Slack setting it is the bot itself, exactly as `node
 * dist/src/index.js` runs it in production. The playground is loaded only in
 * the first case, and never shipped in the production build.
 */
import { config as loadDotenv } from 'dotenv';
import { loadConfig } from '../src/config';
import { runBot } from '../src/main';

async function start(env: Record<string, string | undefined>): Promise<void> {
  const loaded = loadConfig(env);
  if (!loaded.ok && loaded.noSlackSettings) {
    const { runPlayground } = await import('./playground/main.js');
    await runPlayground(env);
    return;
  }
  await runBot(env);
}

loadDotenv({ quiet: true });
void start(process.env);
