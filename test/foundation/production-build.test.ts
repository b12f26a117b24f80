import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The emulator and the playground are tools for developers: the production
 * build (`npm run build`'s TypeScript output) and the Docker image hold none
 * of their files, and nothing in the product reaches for them.
 */

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the production build', () => {
  let out: string;
  let files: string[];

  beforeAll(() => {
    out = mkdtempSync(path.join(tmpdir(), 'intervision-build-'));
    const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
    execFileSync(tsc, ['-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, stdio: 'pipe' });
    files = filesUnder(out).map((file) => path.relative(out, file));
  }, 120_000);

  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('compiles the bot', () => {
    expect(files).toContain(path.join('src', 'index.js'));
    expect(files).toContain(path.join('src', 'slack', 'app.js'));
  });

  it('holds no emulator or playground file, and nothing outside src/', () => {
    expect(files.filter((file) => /emulator|playground/.test(file))).toEqual([]);
    expect(files.filter((file) => !file.startsWith(`src${path.sep}`))).toEqual([]);
  });

  it('requires nothing from the developer tools', () => {
    const reaching = files
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /require\("[^"]*(\/dev\/|emulator|playground)[^"]*"\)|import\("[^"]*(\/dev\/|emulator|playground)/.test(readFileSync(path.join(out, file), 'utf8')));
    expect(reaching).toEqual([]);
  });
});

describe('the Docker image', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const copies = dockerfile
    .split('\n')
    .filter((line) => /^COPY\s/.test(line))
    .map((line) => line.replace(/^COPY\s+(--\S+\s+)*/, '').split(/\s+/).slice(0, -1))
    .flat();

  it('copies the product sources and the build output, not the developer tools', () => {
    expect(copies).toEqual(expect.arrayContaining(['src', '/app/dist']));
    expect(copies.filter((source) => /(^|\/)(dev|test|bench)(\/|$)/.test(source))).toEqual([]);
  });

  it('builds with the production build script, which compiles src/ only', () => {
    expect(dockerfile).toMatch(/RUN npm run build\n/);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toContain('tsconfig.build.json');
    const build = JSON.parse(readFileSync(path.join(root, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
    expect(build.include).toEqual(['src']);
  });

  it('keeps the developer tools out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['dev', 'test', 'bench']));
  });
});
