/**
 * The seeded chaos test (test/e2e/chaos.test.ts) on its own: killed bot
 * processes, Redis restarted from its AOF, Slack 429/5xx. Not in the default
 * suite: it can still find a direct message doubled when a process dies between Slack's
 * answer and the record of the post (docs/testing.md), and CI must not turn
 * on a coin. `CHAOS_SEED=<n>` replays a run; `CHAOS_LONG=1` runs the long one.
 * With it, the longer Redis Sentinel failover runs (sentinel-failover-long.test.ts;
 * `FAILOVER_RUNS=<n>` repeats each): `npx jest -c jest.chaos.config.js sentinel` runs those alone.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = { ...base, testMatch: ['**/test/e2e/chaos.test.ts', '**/test/e2e/sentinel-failover-long.test.ts'], testPathIgnorePatterns: ['/node_modules/'] };
