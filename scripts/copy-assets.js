// Copies the non-TypeScript files the bot reads at run time (Lua scripts,
// format data, playground page assets) next to the compiled JavaScript.
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

copyTree(path.join(root, 'src'), path.join(root, 'dist', 'src'));
