/**
 * The request guard's judgement of a signature: whether a request is signed
 * by Slack just now (a timestamp from the future is refused like one from
 * the past). The running bot's 401 is proven in
 * test/e2e/hardening-requests.test.ts.
 */
import { signRequest } from '../../dev/emulator';
import { signatureProblem } from '../../src/slack/request-guard';

const SECRET = 'guard-test-secret';
const NOW = Date.UTC(2025, 5, 2, 9);
const body = Buffer.from('payload=%7B%7D');

function headers(stampSeconds: number, secret = SECRET): Record<string, string> {
  return { 'x-slack-request-timestamp': String(stampSeconds), 'x-slack-signature': signRequest(secret, stampSeconds, body.toString()) };
}

describe('signed just now', () => {
  const now = Math.floor(NOW / 1000);

  it('a request signed now, or up to five minutes before or after, is signed', () => {
    for (const skew of [0, -300, 300, -1, 1]) expect({ skew, problem: signatureProblem(body, headers(now + skew), SECRET, NOW) }).toEqual({ skew, problem: undefined });
  });

  it('a timestamp more than five minutes in the future is refused, like one more than five minutes old', () => {
    for (const skew of [301, 360, 3600, 86_400 * 365]) expect(signatureProblem(body, headers(now + skew), SECRET, NOW)).toBe('timestamp');
    for (const skew of [-301, -3600]) expect(signatureProblem(body, headers(now + skew), SECRET, NOW)).toBe('timestamp');
  });

  it('a timestamp that is not a whole number of seconds is refused', () => {
    for (const stamp of ['', 'soon', `${now}.5`, '-1', `${now} `, '1e9']) {
      expect(signatureProblem(body, { 'x-slack-request-timestamp': stamp, 'x-slack-signature': signRequest(SECRET, now, body.toString()) }, SECRET, NOW)).toBe('timestamp');
    }
  });

  it('a wrong secret, a changed body or a missing header is refused', () => {
    expect(signatureProblem(body, headers(now, 'another-secret'), SECRET, NOW)).toBe('signature');
    expect(signatureProblem(Buffer.from('payload=%7B%22a%22%3A1%7D'), headers(now), SECRET, NOW)).toBe('signature');
    expect(signatureProblem(body, { 'x-slack-request-timestamp': String(now) }, SECRET, NOW)).toBe('missing');
    expect(signatureProblem(body, { 'x-slack-signature': 'v0=00' }, SECRET, NOW)).toBe('missing');
  });
});
