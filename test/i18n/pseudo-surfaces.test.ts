/**
 * No hard-coded text outside a session's thread: help, the App Home, the
 * channel's list, the creation form in every way of meeting and every
 * PRIVATE_ROOMS policy (with problems under its fields), its progress views,
 * and every refusal the engine can give, in each format's words, drawn in the
 * pseudo-locale (test/support/pseudo.ts): no plain ASCII word may be left.
 */
import { formats } from '../../src/engine/formats';
import type { Format } from '../../src/engine/formats/schema';
import type { RefusalKey, RefusalParam } from '../../src/engine/rejection';
import type { NewSessionField } from '../../src/engine';
import { ENGLISH } from '../../src/i18n/resources';
import { translator } from '../../src/i18n';
import * as blocks from '../../src/slack/blocks';
import { settingUpView, sessionReadyView } from '../../src/slack/blocks/new-session-progress';
import type { Meeting, PlaceChoice } from '../../src/slack/blocks/new-session-modal';
import { refusalText, unreachedText } from '../../src/slack/refusals';
import { failureText } from '../../src/slack/listeners/support/deps';
import { placeText, readersSentence } from '../../src/slack/listeners/support/place';
import { whyNotAPerson } from '../../src/slack/listeners/support/users';
import { problemText } from '../../src/slack/listeners/views/new-session-form';
import { StoredSessionUnreadableError } from '../../src/store/crypto-codec';
import { StoreUnavailableError } from '../../src/store/errors';
import { hardCoded, usePseudoLocale } from '../support/pseudo';

const PSEUDO = usePseudoLocale();
const tr = translator(PSEUDO);

test('help, the App Home and the list of a channel', () => {
  expect(hardCoded(blocks.helpMessage(PSEUDO, formats.list()))).toEqual([]);
  expect(hardCoded(blocks.helpMessage(PSEUDO, formats.list(), tr('home:help.unknown', { word: '¿' })))).toEqual([]);
  expect(hardCoded(blocks.helpMessage(PSEUDO, formats.list(), tr('home:help.notYet', { command: '/intervision list' })))).toEqual([]);
  expect(hardCoded(blocks.homeView({ lang: PSEUDO }))).toEqual([]);
  expect(hardCoded(blocks.homeView({ lang: PSEUDO, formats: formats.list(), unread: 1 }))).toEqual([]);
  expect(hardCoded(blocks.listMessage(PSEUDO, []))).toEqual([]);
});

describe('the creation form', () => {
  const places: PlaceChoice[] = ['offered', 'required', 'off'];
  const meetings: Meeting[] = ['live', 'call', 'async'];
  const problems: Record<string, string> = {
    title: tr('form:errors.notHere'),
    members: whyNotAPerson(tr, { id: 'U0BOT', name: 'Ψ', isBot: true, deleted: false, tz: undefined, locale: undefined }) ?? '',
    presenter: whyNotAPerson(tr, null) ?? '',
    facilitator: whyNotAPerson(tr, { id: 'U0GONE', name: 'Ω', isBot: false, deleted: true, tz: undefined, locale: undefined }) ?? '',
    place: tr('form:errors.roomNotAllowed'),
  };

  test.each(meetings.flatMap((m) => places.map((p) => [m, p] as const)))('met %s, private rooms %s, with problems under the fields', (mode, placeChoice) => {
    for (const format of formats.list()) {
      const readers = readersSentence(tr, { place: 'ok', isPrivate: true, members: 12 });
      const view = blocks.newSessionModal(formats.list(), { channel: 'C0TEAM', facilitator: 'U0FAC', language: PSEUDO as 'en', formatId: format.id, mode, placeChoice, problems, ...(readers ? { readers } : {}) });
      expect(hardCoded(view, ['Ψ', 'Ω'])).toEqual([]);
    }
  });

  test('opened from the App Home or the shortcut: the channel picker and its problems', () => {
    for (const problem of ['form:channel.missing', 'form:channel.notIn', 'form:channel.notYours'] as const) {
      for (const channel of [undefined, 'C0TEAM']) {
        const view = blocks.newSessionModal(formats.list(), { pickChannel: true, ...(channel ? { channel } : {}), facilitator: 'U0FAC', language: PSEUDO as 'en', problems: { channel: tr(problem) } });
        expect(hardCoded(view)).toEqual([]);
      }
    }
  });

  test('what the form says once it is sent, and what the engine finds wrong in it', () => {
    expect(hardCoded(settingUpView(PSEUDO))).toEqual([]);
    expect(hardCoded(sessionReadyView(PSEUDO, 'Ψυχή', 'C0ROOM', true), ['Ψυχή'])).toEqual([]);
    expect(hardCoded(sessionReadyView(PSEUDO, 'Ψυχή', 'C0TEAM', false), ['Ψυχή'])).toEqual([]);
    const fields: NewSessionField[] = ['format', 'people', 'round-window', 'reminder-lead', 'time-zone', 'timebox', 'members', 'limits'];
    for (const field of fields) {
      const text = problemText(PSEUDO as 'en', { field, code: 'unknown', params: { format: '№', zone: '№', min: 1, max: 9 } });
      expect(hardCoded({ text }, ['№'])).toEqual([]);
    }
    expect(hardCoded({ text: readersSentence(tr, { place: 'ok', isPrivate: false }) })).toEqual([]);
    expect(hardCoded({ text: placeText(tr, 'dm') })).toEqual([]);
    expect(hardCoded({ text: placeText(tr, 'outside') })).toEqual([]);
  });
});

/** Every refusal key of the English catalog (plural forms as one). */
function refusalKeys(): RefusalKey[] {
  const keys = new Set<string>();
  const walk = (catalog: object, prefix: string): void => {
    for (const [key, value] of Object.entries(catalog)) {
      if (typeof value === 'string') keys.add(`${prefix}${key.replace(/_(one|other)$/, '')}`);
      else walk(value as object, `${prefix}${key}.`);
    }
  };
  walk(ENGLISH.refusals, '');
  return [...keys].filter((key) => !/^(what|service)\./.test(key) && key !== 'readySoFar') as RefusalKey[];
}

/** A param as the engine would give it, from the placeholder that uses it ("facilitator.named": a role and who holds it). */
function sampleParam(format: Format, name: string, form: string | undefined): RefusalParam {
  const rounds = format.phases.find((p) => p.kind === 'rounds');
  const choice = format.phases.find((p) => p.kind === 'choice');
  const statement = format.phases.find((p) => p.kind === 'statement');
  if (['count', 'max', 'min', 'length', 'ready'].includes(name)) return 2;
  if (name === 'people') return { users: ['U0ANNA', 'U0BEN', 'U0CARA'] };
  if (name === 'label') return { textLabel: statement?.id ?? '' };
  if (name === 'what') return { own: 'answer' };
  if (name === 'noun') return choice?.kind === 'choice' && choice.options ? { pick: choice.id } : { input: rounds?.id ?? '' };
  if (name === 'input' || name === 'inputs') return { input: rounds?.id ?? '' };
  if (form === undefined) return { user: 'U0ANNA' };
  return { role: name as 'presenter' | 'facilitator' | 'member', user: 'U0FAC' };
}

describe.each(formats.list().map((f) => [f.id, f] as const))('every refusal, in the words of %s', (_id, format) => {
  test('comes out in the pseudo-locale', () => {
    const problems: string[] = [];
    for (const key of refusalKeys()) {
      const forms = Object.entries(flatRefusals()).filter(([k]) => k.replace(/_(one|other)$/, '') === key);
      const english = forms.map(([, v]) => v).join(' ');
      // A sentence with plural forms is always given its count (the engine's rejection carries it).
      const params: Record<string, RefusalParam> = forms.some(([k]) => k !== key) ? { count: 2 } : {};
      for (const [, name, form] of english.matchAll(/\{\{(\w+)(?:\.(\w+))?[^}]*\}\}/g)) if (name) params[name] = sampleParam(format, name, form);
      const text = refusalText(PSEUDO, format, { key, params });
      problems.push(...hardCoded({ text }).map((p) => `${key}: ${p}`));
      if (!text.includes('⟦')) problems.push(`${key}: not drawn from the catalog: ${text}`);
    }
    for (const own of ['note', 'clarification', 'text', 'named', 'remark'] as const) problems.push(...hardCoded({ text: refusalText(PSEUDO, format, { key: 'empty', params: { what: { own } } }) }));
    expect(problems).toEqual([]);
  });
});

/** The refusals catalog, flat: "onlyFacilitator.start" -> its sentence. */
function flatRefusals(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (catalog: object, prefix: string): void => {
    for (const [key, value] of Object.entries(catalog)) {
      if (typeof value === 'string') out[`${prefix}${key}`] = value;
      else walk(value as object, `${prefix}${key}.`);
    }
  };
  walk(ENGLISH.refusals, '');
  return out;
}

test('what a person is told when nothing could be done: gone, busy, another workspace, a failure, a refusal in a modal', () => {
  for (const code of ['missing', 'busy', 'other-workspace'] as const) expect(hardCoded({ text: unreachedText(PSEUDO, code) })).toEqual([]);
  for (const error of [new Error('x'), new StoreUnavailableError('down'), new StoredSessionUnreadableError()]) expect(hardCoded({ text: failureText(tr, error) })).toEqual([]);
  const reason = tr('refusals:agreeFirst');
  expect(hardCoded(blocks.notDoneView(tr, reason))).toEqual([]);
  expect(hardCoded(blocks.takeOffModal(tr, reason, 'S1:3', true))).toEqual([]);
  expect(hardCoded(blocks.takeOffModal(tr, reason, 'S1:3', false))).toEqual([]);
  expect(hardCoded(blocks.agreementOffer(tr, reason, { sessionId: 'S1', seq: 3 }))).toEqual([]);
});
