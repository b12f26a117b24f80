import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The structure holds: no file imports itself back through others (type-only
 * imports count), in the product (src/) or in the developer tools (dev/).
 */

const root = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'public' ? [] : sources(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** The project files a file imports (relative imports only; packages are not ours). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => path.resolve(path.dirname(file), name.replace(/\.js$/, '')))
    .map((base) => [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate)))
    .filter((found): found is string => found !== undefined);
}

/** Every cycle found by a depth-first walk, each as the files around it. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const walk = (file: string, trail: string[]): void => {
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...trail.slice(trail.indexOf(next)), next].map((f) => path.relative(root, f)));
      else if (!state.has(next)) walk(next, [...trail, next]);
    }
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) walk(file, [file]);
  return found;
}

describe('the import graph', () => {
  const files = [...sources(path.join(root, 'src')), ...sources(path.join(root, 'dev'))];

  it('reads the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importsOf(path.join(root, 'src', 'bot.ts')).map((f) => path.relative(root, f))).toContain(path.join('src', 'slack', 'app.ts'));
  });

  it('has no cycle in src/ or dev/', () => {
    expect(cycles(files)).toEqual([]);
  });
});
