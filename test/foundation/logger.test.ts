import { LogLevel } from '@slack/bolt';
import { boltLogger } from '../../src/logger';
import { sanitizeLibraryText } from '../../src/logging/bolt-logger';
import { capturedLogger } from '../support/log';

/** Every phrase a person "wrote" in these tests contains this word; it must never reach a log line. */
const MARK = 'Zanzibar';
const said = (n: number): string => `my manager ${MARK} ignores me ${n}`;

function expectNothingWritten(lines: string[]): void {
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).not.toContain(MARK);
    expect(line).not.toMatch(/xoxb-\w|xapp-\w/);
  }
}

/** An error shaped like @slack/web-api's platform error, carrying Slack's whole answer. */
function platformError(text: string): Error {
  return Object.assign(new Error('An API error occurred: channel_not_found'), {
    code: 'slack_webapi_platform_error',
    data: { ok: false, error: 'channel_not_found', response: { text }, response_metadata: { messages: [text] } },
  });
}

describe('logging never carries what people wrote', () => {
  it('redacts payload fields in structured records at any depth, and keeps ids, kinds and counts', () => {
    const { lines, logger } = capturedLogger('trace');
    logger.info({ sessionId: 's-42', kind: 'question', count: 3, text: said(1) }, 'input given');
    logger.info({ sessionId: 's-42', payload: { view: { state: { values: { b: { a: { value: said(2) } } } } } } }, 'modal submitted');
    logger.info({ sessionId: 's-42', deep: { a: { b: { c: { d: { e: { answer: said(3) } } } } } } }, 'answer given');
    logger.info({ sessionId: 's-42', inputs: [{ id: 'i1', text: said(4) }], blocks: [{ type: 'section', text: { text: said(5) } }] }, 'rendered');
    logger.info({ command: { command: '/intervision', text: said(6) }, private_metadata: said(7) }, 'command');
    logger.info({ remark: said(8), what: said(9), title: said(10), statement: said(11), message: said(12), body: said(13) }, 'fields');
    logger.child({ payload: said(14), sessionId: 's-43' }).info('child logger');
    expectNothingWritten(lines);
    const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(first).toMatchObject({ sessionId: 's-42', kind: 'question', count: 3, msg: 'input given' });
    expect(lines.join('\n')).toContain('"sessionId":"s-43"');
  });

  it('reduces errors to their name, code and Slack error code, wherever they are logged', () => {
    const { lines, logger } = capturedLogger('trace');
    logger.error(platformError(said(20)));
    logger.error({ err: platformError(said(21)), sessionId: 's-42' }, 'posting failed');
    logger.warn({ cause: platformError(said(22)) }, 'nested error');
    logger.error(new Error(said(23)));
    logger.error({ err: new Error(said(24)) });
    let syntaxError: unknown;
    try {
      JSON.parse(`{"text": "${said(25)}`);
    } catch (error) {
      syntaxError = error;
    }
    logger.error({ err: syntaxError }, 'bad payload');
    logger.error({ err: { message: said(26), stack: `Error: ${said(26)}\n    at somewhere (file.ts:1:1)` } }, 'error-like object');
    expectNothingWritten(lines);
    const joined = lines.join('\n');
    expect(joined).toContain('"slackError":"channel_not_found"');
    expect(joined).toContain('"code":"slack_webapi_platform_error"');
    expect(joined).toContain('"type":"SyntaxError"');
  });

  it('refuses messages that carry JSON or a form body, however they were built', () => {
    const { lines, logger } = capturedLogger('trace');
    logger.info(`received ${JSON.stringify({ text: said(30) })}`);
    logger.info('received %s', `command=%2Fintervision&text=${encodeURIComponent(said(31))}`);
    logger.info('received %o', { text: said(32) });
    logger.info({ sessionId: 's-42', note: `{"text":"${said(33)}"}` }, 'stringified payload in a field');
    expectNothingWritten(lines);
  });

  it("keeps request bodies out of Bolt's debug lines while keeping Bolt's own words", () => {
    const { lines, logger } = capturedLogger('trace');
    const bolt = boltLogger(logger);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.setName('bolt-app');
    bolt.debug(`ack() call begins (body: ${JSON.stringify({ response_type: 'ephemeral', text: said(40) })})`);
    bolt.debug(JSON.stringify({ command: '/intervision', text: said(41) }));
    bolt.debug(`command=%2Fintervision&text=${encodeURIComponent(said(42))}&user_id=U1`);
    bolt.warn(`Failed to parse the request body: Unexpected token 'm', "${said(43)}" is not valid JSON`);
    bolt.error(`An unhandled error occurred while Bolt processed (type: event_callback, error: Error: ${said(44)})`);
    bolt.debug(`Error details: Error: ${said(45)}, storedResponse: undefined`);
    bolt.debug({ text: said(46) });
    bolt.error('Slack API error: channel_not_found', platformError(said(47)));
    bolt.info('Unhandled HTTP request (GET) made to /favicon.ico');
    expectNothingWritten(lines);
    const joined = lines.join('\n');
    expect(joined).toContain('ack() call begins (body: [redacted]');
    expect(joined).toContain('Slack API error: channel_not_found');
    expect(joined).toContain('Unhandled HTTP request (GET) made to /favicon.ico');
    expect(joined).toContain('"logger":"bolt-app"');
  });

  it("keeps the WebClient's and Socket Mode client's debug bodies out, and their method names in", () => {
    const { lines, logger } = capturedLogger('trace');
    const client = boltLogger(logger);
    client.setLevel(LogLevel.DEBUG);
    client.debug("apiCall('chat.postMessage') start");
    client.debug('http request url: https://slack.com/api/chat.postMessage');
    client.debug(`http request body: ${JSON.stringify({ channel: 'C1', text: said(50), blocks: [] })}`);
    client.debug(`http request headers: ${JSON.stringify({ Authorization: 'Bearer xoxb-1-2-3' })}`);
    client.debug(`http request result: ${JSON.stringify({ ok: true, message: { text: said(51) } })}`);
    client.debug(`Received a message on the WebSocket: ${JSON.stringify({ payload: { text: said(52) } })}`);
    client.debug(`Calling ack() - type: slash_commands, envelope_id: e1, data: ${JSON.stringify({ text: said(53) })}`);
    client.debug(`Sending a WebSocket message: ${JSON.stringify({ envelope_id: 'e1', payload: { text: said(54) } })}`);
    client.warn('http request failed', `connect ECONNREFUSED 127.0.0.1:443`);
    expectNothingWritten(lines);
    const joined = lines.join('\n');
    expect(joined).toContain("apiCall('chat.postMessage') start");
    expect(joined).toContain('http request url: https://slack.com/api/chat.postMessage');
    expect(joined).toContain('http request body: [redacted]');
    expect(joined).toContain('Calling ack() - type: slash_commands, envelope_id: e1, data: [redacted]');
  });

  it('never lets Bolt be more talkative than the configured level', () => {
    const { logger, lines } = capturedLogger('warn');
    const bolt = boltLogger(logger);
    bolt.setLevel(LogLevel.DEBUG);
    bolt.debug('a debug line');
    bolt.info('an info line');
    bolt.warn('a warning');
    expect(bolt.getLevel()).toBe(LogLevel.WARN);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('a warning');
  });

  it('cuts a library message at the first payload it quotes', () => {
    expect(sanitizeLibraryText('Sending a WebSocket message: {"a":1}')).toBe('Sending a WebSocket message: [redacted]');
    expect(sanitizeLibraryText('Failed to retrieve a new WSS URL (error: Error: boom)')).toBe('Failed to retrieve a new WSS URL (error: [redacted]');
    expect(sanitizeLibraryText('Listening for HTTP requests on port 3000')).toBe('Listening for HTTP requests on port 3000');
  });

  it('never writes a token, refresh token, client secret or an installation, by field or in a library sentence', () => {
    const { lines, logger } = capturedLogger('trace');
    const secrets = ['xoxe.xoxb-1-rotatedDistinctive', 'xoxe-1-refreshDistinctive', 'clientSecretDistinctive0123456789', 'stateSecretDistinctive0123456789'];
    const [access, refresh, clientSecret, stateSecret] = secrets;
    logger.info({ team: 'T0DEMO', installation: { bot: { token: access, refreshToken: refresh } } }, 'installed');
    logger.info({ refresh_token: refresh, access_token: access, client_secret: clientSecret, stateSecret }, 'oauth.v2.access');
    logger.info({ auth: { botToken: access, botRefreshToken: refresh } }, 'authorized');
    const bolt = boltLogger(logger);
    bolt.error(`Failed to perform oauth.v2.access API call for token rotation: (error: Error: ${refresh})`);
    bolt.debug(`Generated authorize URL: https://slack.com/oauth/v2/authorize?scope=commands&state=${stateSecret}&client_id=1.2`);
    bolt.debug(`Running handleInstallPath() with ${JSON.stringify({ scopes: ['commands'], metadata: access })}`);
    const joined = lines.join('\n');
    for (const secret of secrets) expect(joined).not.toContain(secret);
    expect(joined).toContain('"team":"T0DEMO"');
    expect(joined).not.toMatch(/xox[a-z]/);
  });
});
