/**
 * withoutControlCharacters: what a person wrote, without the characters
 * nobody means (C0 but tab and newline, DEL, C1), with Windows line ends
 * made "\n". Property-tested over any string, control characters made
 * frequent so every property meets them.
 */
import fc from 'fast-check';
import { withoutControlCharacters } from '../../src/engine/text';

/** Unicode general category Cc: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F). */
const isControl = (c: string): boolean => {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
};
const kept = (c: string): boolean => !isControl(c) || c === '\n' || c === '\t';

/** Every control character, line ends, and ordinary text (astral characters and lone surrogates included). */
const controls = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f })).map((code) => String.fromCharCode(code));
const piece = fc.oneof(controls, fc.constantFrom('\r\n', '\r', '\n', '\t', '\r\r\n', '\u2028', '\u200b', '😀', '\ud800'), fc.string({ unit: 'binary' }));
const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

describe('withoutControlCharacters', () => {
  it('leaves no control character but tab and newline', () => {
    fc.assert(fc.property(text, (raw) => [...withoutControlCharacters(raw)].every(kept)), { numRuns: 2000 });
  });

  it('keeps everything else, in order: the text with "\\r\\n" made "\\n" and the control characters taken out', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const expected = [...raw.split('\r\n').join('\n')].filter(kept).join('');
        expect(withoutControlCharacters(raw)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('changes nothing in a text without control characters, and nothing the second time', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const once = withoutControlCharacters(raw);
        expect(withoutControlCharacters(once)).toBe(once);
        const clean = [...raw].filter(kept).join('');
        expect(withoutControlCharacters(clean)).toBe(clean);
      }),
      { numRuns: 1000 },
    );
  });

  it('examples: Windows and old Mac line ends, escape sequences, NUL, DEL and C1', () => {
    expect(withoutControlCharacters('one\r\ntwo\rthree\nfour')).toBe('one\ntwothree\nfour');
    expect(withoutControlCharacters('\u001b[31mred\u001b[0m')).toBe('[31mred[0m');
    expect(withoutControlCharacters('a\u0000b\u007fc\u0085d\u009fe\tf')).toBe('abcde\tf');
    expect(withoutControlCharacters('Ünïcödé 😀 \u200b stays')).toBe('Ünïcödé 😀 \u200b stays');
  });
});
