import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { PLAYGROUND_CHANNEL } from '../../dev/playground';
import { eventually, get, playgroundForTests, post, stateOf } from './client';

/** The playground's page and JSON API, through plain fetch as the page uses them. */

const FEMKE = 'U0FEMKE';
const PRIYA = 'U0PRIYA';

const running = playgroundForTests();

/** Resolves with the error code of a TCP connection to host:port ('connected' when it was accepted). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('the page', () => {
  it('sends a newcomer to the page as the first person of the demo team, the facilitator', async () => {
    const answer = await get(running().url, '/');
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe(`/?as=${FEMKE}`);
  });

  it('serves the page and its own scripts, with a policy that lets no other script run', async () => {
    const { url } = running();
    const page = await get(url, `/?as=${FEMKE}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(String(page.body)).toContain('<script defer src="/static/app.js"></script>');
    const script = await get(url, '/static/mrkdwn.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect((await get(url, '/static/%2e%2e%2fserver.ts')).status).toBe(404);
    expect((await get(url, '/static/nothing-here.js')).status).toBe(404);
  });

  it('answers only on 127.0.0.1: other addresses of this machine are refused, for the page and for the bot', async () => {
    const { port, driver } = running();
    const botPort = Number(new URL(driver.options.requestUrl ?? '').port);
    const elsewhere = [
      '127.0.0.2',
      ...Object.values(networkInterfaces())
        .flat()
        .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
        .map((i) => i?.address ?? ''),
    ];
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    expect(await tryConnect('127.0.0.1', botPort)).toBe('connected');
    for (const host of elsewhere) {
      expect([host, await tryConnect(host, port)]).toEqual([host, 'ECONNREFUSED']);
      expect([host, await tryConnect(host, botPort)]).toEqual([host, 'ECONNREFUSED']);
    }
  });

  it('refuses a request addressed to another host name, so a web page cannot reach it by DNS rebinding', async () => {
    const { port } = running();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/state?as=${FEMKE}`, headers: { host: `attacker.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.once('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

describe('what a person sees', () => {
  it('shows the demo team: a facilitator, a presenter and five members, with initials, colours and their own time zones', async () => {
    const state = await stateOf(running().url, PRIYA);
    expect(state.me).toMatchObject({ id: PRIYA, realName: 'Priya Natarajan', initials: 'PN', role: 'presenter', tz: 'Asia/Kolkata' });
    expect(state.people.map((p) => p.role)).toEqual(['facilitator', 'presenter', 'member', 'member', 'member', 'member', 'member']);
    expect(new Set(state.people.map((p) => p.tz)).size).toBe(7);
    expect(state.people.every((p) => /^[A-Z]{2}$/.test(p.initials) && /^#[0-9a-f]{6}$/.test(p.colour))).toBe(true);
    expect(state.channels.map((c) => [c.name, c.memberCount])).toEqual([[PLAYGROUND_CHANNEL.name, 8]]);
    expect(state.bot.name).toBe('intervision');
  });

  it('shows /intervision help only to the person who asked for it', async () => {
    const { url } = running();
    const answer = await post(url, '/api/command', { as: FEMKE, text: '/intervision help' });
    expect(answer.body).toEqual({ ok: true });
    const help = await eventually(url, FEMKE, (s) => s.channels[0]?.messages.find((m) => m.ephemeralId && m.text.includes('/intervision new')));
    expect(help.user).toBe('U0BOT');
    const priya = await stateOf(url, PRIYA);
    expect(priya.channels[0]?.messages.filter((m) => m.ephemeralId)).toEqual([]);
  });

  it('says a slash command other than /intervision is not valid, as Slack does', async () => {
    const answer = await post(running().url, '/api/command', { as: FEMKE, text: '/standup today' });
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error).toContain('/standup is not a valid command');
    expect(answer.body.error).toContain('/intervision');
  });

  it("pings every open page when someone acts, so two people see each other's moves at once", async () => {
    const { url } = running();
    const abort = new AbortController();
    const stream = await fetch(`${url}/api/events`, { signal: abort.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body?.getReader();
    if (!reader) throw new Error('no event stream');
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first).toContain('event: changed');

    const said = await post(url, '/api/thread-reply', { as: FEMKE, channel: PLAYGROUND_CHANNEL.id, text: 'Good morning, peers!' });
    expect(said.body).toEqual({ ok: true });
    const next = decoder.decode((await reader.read()).value);
    expect(next).toContain('event: changed');
    abort.abort();

    const priya = await stateOf(url, PRIYA);
    expect(priya.channels[0]?.messages.find((m) => m.text === 'Good morning, peers!')?.user).toBe(FEMKE);
  });

  it('escapes what people type, as Slack does, so it can never mention or link', async () => {
    const { url } = running();
    await post(url, '/api/thread-reply', { as: PRIYA, channel: PLAYGROUND_CHANNEL.id, text: 'Hi <!channel> & <https://evil.example|click>' });
    const femke = await stateOf(url, FEMKE);
    expect(femke.channels[0]?.messages.some((m) => m.text === 'Hi &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;')).toBe(true);
  });

  it('keeps a typed reply in its thread', async () => {
    const { url } = running();
    const parent = (await stateOf(url, FEMKE)).channels[0]?.messages.find((m) => m.text === 'Good morning, peers!');
    if (!parent) throw new Error('the message of the previous test is missing');
    await post(url, '/api/thread-reply', { as: PRIYA, channel: PLAYGROUND_CHANNEL.id, threadTs: parent.ts, text: 'Morning!' });
    const femke = await stateOf(url, FEMKE);
    expect(femke.channels[0]?.threads[parent.ts]?.map((m) => [m.user, m.text])).toEqual([[PRIYA, 'Morning!']]);
    expect(femke.channels[0]?.messages.find((m) => m.ts === parent.ts)?.replyCount).toBe(1);
    expect(femke.channels[0]?.messages.some((m) => m.text === 'Morning!')).toBe(false);
  });
});

describe('typed messages', () => {
  it('can be deleted by the person who typed them, and by nobody else', async () => {
    const { url } = running();
    await post(url, '/api/thread-reply', { as: PRIYA, channel: PLAYGROUND_CHANNEL.id, text: 'Oops, wrong channel' });
    const typed = (await stateOf(url, FEMKE)).channels[0]?.messages.find((m) => m.text === 'Oops, wrong channel');
    if (!typed) throw new Error('the typed message is missing');
    const byFemke = await post(url, '/api/message/delete', { as: FEMKE, channel: PLAYGROUND_CHANNEL.id, ts: typed.ts });
    expect(byFemke.status).toBe(403);
    const byPriya = await post(url, '/api/message/delete', { as: PRIYA, channel: PLAYGROUND_CHANNEL.id, ts: typed.ts });
    expect(byPriya.body).toEqual({ ok: true });
    expect((await stateOf(url, FEMKE)).channels[0]?.messages.some((m) => m.text === 'Oops, wrong channel')).toBe(false);
  });
});

describe('what the API refuses before it reaches the bot', () => {
  it('a body that is not JSON', async () => {
    const answer = await post(running().url, '/api/command', { as: FEMKE, text: '/intervision help' }, 'text/plain');
    expect(answer.status).toBe(415);
  });

  it('a body with fields it does not know, naming the field', async () => {
    const answer = await post(running().url, '/api/command', { as: FEMKE, text: '/intervision help', html: '<b>x</b>' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('html');
  });

  it('acting as nobody, or as the bot', async () => {
    const { url } = running();
    expect((await post(url, '/api/command', { as: 'U0NOBODY', text: '/intervision help' })).status).toBe(404);
    expect((await post(url, '/api/command', { as: 'U0BOT', text: '/intervision help' })).status).toBe(404);
    expect((await get(url, '/api/state?as=U0BOT')).status).toBe(404);
  });

  it('writing in a conversation the person is not in', async () => {
    const answer = await post(running().url, '/api/thread-reply', { as: FEMKE, channel: 'C0ELSEWHERE', text: 'hello' });
    expect(answer.status).toBe(403);
  });
});

describe('the language switch', () => {
  it('sets the demo team\'s Slack language: the creation form and the App Home follow it, back to English too', async () => {
    const { url } = running();
    expect((await stateOf(url, FEMKE)).language).toEqual({
      current: 'en',
      offered: [
        { code: 'en', name: 'English' },
        { code: 'de', name: 'Deutsch' },
        { code: 'nl', name: 'Nederlands' },
      ],
    });
    expect((await post(url, '/api/language', { as: FEMKE, language: 'de' })).body).toEqual({ ok: true });
    expect((await stateOf(url, PRIYA)).language.current).toBe('de');
    await post(url, '/api/command', { as: FEMKE, text: '/intervision new' });
    const form = await eventually(url, FEMKE, (s) => s.modals.at(-1));
    expect(form.title).toMatchObject({ text: 'Neue Intervision' });
    await post(url, '/api/view/close', { as: FEMKE, viewId: form.id });
    await post(url, '/api/language', { as: FEMKE, language: 'nl' });
    await post(url, '/api/home/open', { as: PRIYA });
    const home = await eventually(url, PRIYA, (s) => (s.home && JSON.stringify(s.home.blocks).includes('Zo begin je') ? s.home : undefined));
    expect(JSON.stringify(home.blocks)).toContain('Je doet nu niet mee aan een intervisie.');
    expect((await post(url, '/api/language', { as: FEMKE, language: 'en' })).body).toEqual({ ok: true });
    expect((await stateOf(url, FEMKE)).language.current).toBe('en');
  });

  it('refuses a language the bot does not speak', async () => {
    expect((await post(running().url, '/api/language', { as: FEMKE, language: 'fr' })).status).toBe(400);
  });
});
