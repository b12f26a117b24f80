import fc from 'fast-check';
import { chunk, clip, escapeBounded, escapeText, link, mention, slackDate, truncate } from '../../../src/slack/escape';

describe('escaping what people write', () => {
  test('a member cannot ping the channel, mention someone or fake a link', () => {
    expect(escapeText('<!channel> <@U123> <https://evil|click>')).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil|click&gt;');
  });

  test('an ampersand entity typed by a member is shown as typed, not decoded', () => {
    expect(escapeText('&lt;')).toBe('&amp;lt;');
  });

  test('a mention is drawn only for a real user id; anything else is shown escaped', () => {
    expect(mention('U0123ABC')).toBe('<@U0123ABC>');
    expect(mention('U1><!channel')).toBe('U1&gt;&lt;!channel');
  });

  test('a date renders in each reader’s time zone, with a UTC fallback', () => {
    const ms = Date.UTC(2025, 2, 4, 14, 5, 30);
    expect(slackDate(ms, '{date_short_pretty} at {time}')).toBe(`<!date^${Math.floor(ms / 1000)}^{date_short_pretty} at {time}|2025-03-04 14:05 UTC>`);
    expect(slackDate(ms, '{time}', 'soon|>')).toBe(`<!date^${Math.floor(ms / 1000)}^{time}|soon/&gt;>`);
  });

  test('a link is drawn only for an https address; its label is escaped', () => {
    expect(link('https://slack.example/archives/C1/p1', 'open <it>')).toBe('<https://slack.example/archives/C1/p1|open &lt;it&gt;>');
    expect(link('javascript:alert(1)', 'open')).toBe('open');
  });
});

describe('keeping strings within their limits', () => {
  test('truncate ends in an ellipsis and never halves an emoji', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    const cut = truncate('ab😀😀😀', 5);
    expect(cut.length).toBeLessThanOrEqual(5);
    expect(cut).toBe('ab😀…');
  });

  test('clip never cuts inside an entity or a mention', () => {
    expect(clip('aa &amp; bb', 6)).toBe('aa …');
    expect(clip('hi <@U0123> there', 8)).toBe('hi …');
    expect(clip(`x ${slackDate(0, '{time}')} y`, 10)).toBe('x …');
  });

  test('escapeBounded bounds the escaped length, which is what Slack counts', () => {
    const out = escapeBounded('<'.repeat(2000), 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith('&lt;…')).toBe(true);
  });

  test('chunk splits long text into pieces within the limit that join back to the whole', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4000 }), fc.integer({ min: 20, max: 400 }), (raw, n) => {
        const text = escapeText(raw) || 'x';
        const pieces = chunk(text, n);
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(n);
        expect(pieces.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  test('chunk prefers to cut at a line break', () => {
    const text = `${'a'.repeat(30)}\n${'b'.repeat(30)}`;
    expect(chunk(text, 40)).toEqual([`${'a'.repeat(30)}\n`, 'b'.repeat(30)]);
  });
});
