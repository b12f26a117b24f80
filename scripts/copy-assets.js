// Copies the non-TypeScript files read at run time (Lua scripts, format data,
// the playground's page) next to the compiled JavaScript, for each folder
// named on the command line: `src` for the production build, `src dev` for
// the build `npm start` runs on a clone.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const assetExtensions = new Set(['.lua', '.json', '.html', '.css', '.js', '.svg', '.png']);

function copyTree(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      copyTree(source, target);
    } else if (assetExtensions.has(path.extname(entry.name)) && !entry.name.endsWith('.d.ts')) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

const folders = process.argv.slice(2);
for (const folder of folders.length > 0 ? folders : ['src']) {
  copyTree(path.join(root, folder), path.join(root, 'dist', folder));
}
