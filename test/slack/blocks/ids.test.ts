import fc from 'fast-check';
import { ACTIONS, CALLBACKS, encodeAction, encodeNewSessionMeta, parseAction, parseNewSessionMeta } from '../../../src/slack/ids';

describe('the references carried in buttons and modals', () => {
  test('a pass button says which session, version, phase and round it was drawn for', () => {
    const value = encodeAction({ sessionId: 'sess01', seq: 42, phaseId: 'tips', round: 2 });
    expect(value).toBe('sess01|42|tips|2');
    expect(parseAction(value)).toEqual({ sessionId: 'sess01', seq: 42, phaseId: 'tips', round: 2 });
  });

  test('an input menu option names the input and what to do with it', () => {
    const value = encodeAction({ sessionId: 'sess01', seq: 7, inputId: 'i12', op: 'withdraw' });
    expect(parseAction(value)).toEqual({ sessionId: 'sess01', seq: 7, inputId: 'i12', op: 'withdraw' });
  });

  test('the longest input-menu value (a UUID session id) stays within 75 characters', () => {
    const value = encodeAction({ sessionId: '123e4567-e89b-12d3-a456-426614174000', seq: 999_999_999, inputId: 'i'.repeat(16), op: 'withdraw' });
    expect(value.length).toBeLessThanOrEqual(75);
  });

  test('values that were not drawn by us are refused, never trusted', () => {
    for (const bad of ['', 'sess01', 'sess01|x', 'sess01|1|Tips', 'sess01|1|tips|2|i1|delete', 'a|b|c|d|e|f|g', 'sess 01|1', 42, null, { sessionId: 'x' }]) {
      expect(parseAction(bad)).toBeNull();
    }
  });

  test('parsing any string never throws, and whatever parses encodes back to the same value', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (value) => {
        const ref = parseAction(value);
        if (ref !== null) expect(parseAction(encodeAction(ref))).toEqual(ref);
      }),
    );
  });

  test('a malformed reference is a bug in the renderer and fails loudly', () => {
    expect(() => encodeAction({ sessionId: 'has|pipe', seq: 1 })).toThrow();
  });

  test('the new-session modal carries only the channel it was opened from', () => {
    expect(parseNewSessionMeta(encodeNewSessionMeta('C0TEAM'))).toEqual({ channel: 'C0TEAM' });
    expect(parseNewSessionMeta('new|<!channel>')).toBeNull();
    // A form with a channel picker carries only that mark; nothing else passes for it.
    expect(encodeNewSessionMeta(undefined)).toBe('new|pick');
    expect(parseNewSessionMeta('new|pick')).toEqual({ channel: undefined });
    expect(parseNewSessionMeta('new|')).toBeNull();
    expect(parseNewSessionMeta('new|PICK')).toBeNull();
    expect(() => encodeNewSessionMeta('not a channel')).toThrow();
  });

  test('every action id starts with iv_ and every id is unique', () => {
    const actions = Object.values(ACTIONS);
    expect(actions.every((a) => a.startsWith('iv_'))).toBe(true);
    expect(new Set(actions).size).toBe(actions.length);
    expect(new Set(Object.values(CALLBACKS)).size).toBe(Object.values(CALLBACKS).length);
  });
});
