// Preloaded into the bot's process by the playground's process test: when the
// process exits, it lists every source file it loaded, so the test can prove
// that a bot with Slack settings never loads the playground.
'use strict';
process.on('exit', () => {
  const files = Object.keys(require.cache).filter((f) => f.includes('/src/') || f.includes('/dev/'));
  process.stderr.write(`LOADED-MODULES ${JSON.stringify(files)}\n`);
});
