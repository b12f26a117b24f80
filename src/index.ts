/**
 * The production entry point (`node dist/src/index.js`, the Docker image's
 * command): the environment, then a .env file if there is one, run the bot.
 * `npm start` on a clone goes through dev/start.ts instead, which serves the
 * playground when no Slack settings are set at all.
 */
import { config as loadDotenv } from 'dotenv';
import { runBot } from './main';

loadDotenv({ quiet: true });
void runBot(process.env);
