import { execFileSync, spawn } from 'node:child_process';
import { builtinModules } from 'node:module';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * The emulator and the playground are tools for developers: the production
 * build (`npm run build`'s TypeScript output) and the Docker image hold none
 * of their files, and nothing in the product reaches for them. The image runs
 * the bot only: without Slack settings it says what to set and exits 1,
 * never falling back to the playground (that is `npm start` on a clone).
 */

const root = path.resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** What scripts/copy-assets.js puts beside the compiled JavaScript (`npm run build`): Lua scripts and format data. */
function copyAssets(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyAssets(source, path.join(to, entry.name));
    else if (/\.(lua|json)$/.test(entry.name)) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, path.join(to, entry.name));
    }
  }
}

const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
/** The image's command, as the JSON array of its CMD line. */
const imageCommand = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];

/** Runs a command to its end; its exit code and what it printed. */
function runToEnd(command: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the production build', () => {
  /** Laid out as the image's /app: the build in dist/, the packages in node_modules/. */
  let app: string;
  let out: string;
  let files: string[];

  beforeAll(() => {
    app = mkdtempSync(path.join(tmpdir(), 'intervision-build-'));
    out = path.join(app, 'dist');
    const tsc = path.join(root, 'node_modules', '.bin', 'tsc');
    execFileSync(tsc, ['-p', path.join(root, 'tsconfig.build.json'), '--outDir', out], { cwd: root, stdio: 'pipe' });
    files = filesUnder(out).map((file) => path.relative(out, file));
    copyAssets(path.join(root, 'src'), path.join(out, 'src'));
    symlinkSync(path.join(root, 'node_modules'), path.join(app, 'node_modules'), 'dir');
  }, 120_000);

  afterAll(() => rmSync(app, { recursive: true, force: true }));

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

  it('requires only packages the image installs (dependencies, not devDependencies such as ws)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const required = new Set(
      files
        .filter((file) => file.endsWith('.js'))
        .flatMap((file) => [...readFileSync(path.join(out, file), 'utf8').matchAll(/require\("([^."][^"]*)"\)/g)].map((m) => m[1] ?? ''))
        .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? ''))),
    );
    const missing = [...required].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && !(name in pkg.dependencies));
    expect(required.size).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });

  it("run as the image runs it (its CMD, in /app's layout) with an empty environment, says what to set and exits 1", async () => {
    const [command, ...args] = imageCommand;
    expect(command).toBe('node');
    // An empty environment: no Slack settings, no PORT, not even PATH; and no .env file where it runs.
    const run = await runToEnd(process.execPath, args, { cwd: app, env: {} });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('The intervision bot cannot start: its configuration needs attention.');
    expect(run.stderr).toContain('No Slack settings were found');
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
    expect(run.stderr).toContain('SLACK_APP_TOKEN');
    // It only points at the playground; it never serves it.
    expect(run.stderr).not.toMatch(/playground is running|http:\/\/127\.0\.0\.1/i);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});

describe('the Docker image', () => {
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

  it('runs the production entry with node itself: the bot only, never npm start or the playground', () => {
    expect(imageCommand).toEqual(['node', expect.stringMatching(/^--/), 'dist/src/index.js']);
    expect(dockerfile).not.toMatch(/^ENTRYPOINT/m);
    // `npm start` on a clone is where the playground is the default, through dev/start.ts.
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; main: string };
    expect(pkg.scripts.start).toContain('dist/dev/start.js');
    expect(pkg.main).toBe('dist/src/index.js');
  });

  it('is run by docker compose as built, with the Slack settings from .env and its own Redis', () => {
    const compose = parseYaml(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, Record<string, unknown>> };
    const botService = compose.services.bot ?? {};
    expect(botService).toMatchObject({ build: '.', env_file: '.env', environment: { REDIS_URL: 'redis://redis:6379' } });
    // No command or entrypoint of its own: the image's CMD, the bot only.
    expect(botService).not.toHaveProperty('command');
    expect(botService).not.toHaveProperty('entrypoint');
  });

  it('keeps the developer tools out of the build context', () => {
    const ignored = readFileSync(path.join(root, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['dev', 'test', 'bench']));
  });
});
