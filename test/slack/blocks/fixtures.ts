import { participants } from '../../../src/engine/queries';
import { loadFormats, withTranslations } from '../../support/format-files';
import { Format, type RoundsPhase } from '../../../src/engine/formats/schema';
import type { CurrentPhase, Input, RoundMark, RoundState, Session, UserId } from '../../../src/engine/session';
import { checkMessage, checkView } from '../../../dev/emulator/block-kit';
import type { MessagePayload } from '../../../src/slack/blocks/kit';

/**
 * Sessions for renderer tests, built by hand from the shipped formats (plus a
 * stress format at the schema's limits), so each test states exactly the
 * situation it renders.
 */

export const registry = loadFormats();
export const progress = registry.require('progress-focused');
export const agile = registry.require('agile-intervision');
export const collegial = registry.require('collegial-consultation');

/** A format at the schema's limits: 2000-character inputs, 10 rounds, 10 picks, 3000-character statements. */
export const stress: Format = Format.parse(withTranslations({
  id: 'stress',
  name: 'Stress test format with a long name, fifty chars!',
  summary: 'Every limit at once: the longest inputs, the most rounds, the most picks.',
  facilitatorIsMemberByDefault: false,
  order: 99,
  roles: { presenter: long('P'), facilitator: long('F'), member: long('M') },
  hideReasons: Array.from({ length: 10 }, (_, i) => ({ id: `reason-${i}`, label: `${i}`.repeat(75), note: `${i}`.repeat(400) })),
  phases: [
    { id: 'agreement', kind: 'agreement', title: 'Agreement', actor: 'everyone', instruction: 'x'.repeat(1200), agreement: 'a'.repeat(600), timebox: { liveMinutes: 120, asyncHours: 168 } },
    { id: 'case', kind: 'statement', title: 'C'.repeat(60), actor: 'presenter', instruction: 'i'.repeat(1200), text: 'required', textLabel: 'W'.repeat(40), maxLength: 3000, timebox: { liveMinutes: 120, asyncHours: 168 } },
    {
      id: 'questions', kind: 'rounds', title: 'Questions', actor: 'members', instruction: 'q'.repeat(1200), answerable: true, answerPass: true, maxRounds: 10,
      input: { noun: noun('question', 'questions'), label: 'L'.repeat(40), hint: 'h'.repeat(600), asyncHint: 'a'.repeat(600), maxLength: 2000 }, timebox: { liveMinutes: 120, asyncHours: 168 },
    },
    {
      id: 'tips', kind: 'rounds', title: 'Tips', actor: 'members', instruction: 't'.repeat(1200), maxRounds: 10, recall: ['case'],
      input: { noun: noun('tip', 'tips'), label: 'Give a tip', hint: 'One tip.', maxLength: 2000 }, timebox: { liveMinutes: 120, asyncHours: 168 },
    },
    { id: 'picks', kind: 'choice', title: 'Picks', actor: 'presenter', instruction: 'p'.repeat(1200), fromPhase: 'tips', min: 1, max: 10, pickLabel: 'P'.repeat(40), remarkLabel: 'R'.repeat(40), timebox: { liveMinutes: 120, asyncHours: 168 } },
    { id: 'evaluation', kind: 'evaluation', title: 'Evaluation', actor: 'everyone', instruction: 'e'.repeat(1200), question: 'Q'.repeat(120), memberQuestion: 'M'.repeat(120), timebox: { liveMinutes: 120, asyncHours: 168 } },
    { id: 'end', kind: 'end', title: 'End', actor: 'everyone', instruction: 'n'.repeat(1200), ended: 'd'.repeat(200), timebox: { liveMinutes: 120, asyncHours: 168 } },
  ],
}));

/** A noun with its English forms. */
function noun(singular: string, plural: string) {
  return { singular, plural, indefinite: `a ${singular}`, definite: `the ${singular}`, definitePlural: `the ${plural}` };
}

/** A role noun at the schema's limits: 40 characters, 48 with an article. */
function long(letter: string) {
  const word = letter.repeat(40);
  return { singular: word, plural: word, indefinite: letter.repeat(48), definite: letter.repeat(48), definitePlural: letter.repeat(48) };
}

export const NOW = Date.UTC(2025, 2, 4, 13, 0, 0);
export const FACILITATOR = 'UFACIL';
export const PRESENTER = 'UPRESENT';
/** Twelve members, U01 … U12. */
export const MEMBERS: UserId[] = Array.from({ length: 12 }, (_, i) => `U${String(i + 1).padStart(2, '0')}`);

/** Strings that would mention, ping or fake a link if they were not escaped. */
export const HOSTILE = ['<!channel>', '<@U123>', '<https://evil.example|click>', '&lt;', '<!here>', '<#C999>'];
export const HOSTILE_TEXT = `Hi ${HOSTILE.join(' and ')} bye`;

/** Text of exactly n characters that escaping lengthens the most (every character becomes an entity). */
export function worstText(n: number): string {
  return '<&>'.repeat(Math.ceil(n / 3)).slice(0, n);
}

/** Ordinary prose of exactly n characters. */
export function prose(n: number): string {
  return 'We tried a weekly retro, and the team went quiet when the manager joined. '.repeat(Math.ceil(n / 70)).slice(0, n);
}

/** A session of `format` before the start, with `members` members. */
export function aSession(format: Format, overrides: Partial<Session> = {}, members = 5): Session {
  return {
    v: 1,
    id: 'sess01',
    seq: 42,
    formatId: format.id,
    channel: 'C0TEAM',
    title: 'Tuesday intervision',
    createdBy: FACILITATOR,
    createdAt: NOW - 3_600_000,
    updatedAt: NOW - 60_000,
    status: 'open',
    settings: {
      mode: 'live',
      facilitatorIsMember: false,
      timeboxMinutes: Object.fromEntries(format.phases.map((p) => [p.id, p.timebox.liveMinutes])),
      roundWindowHours: 24,
      workingDaysOnly: false,
      timeZone: 'Europe/Amsterdam',
      reminderLeadHours: 2,
      presenterCopy: true,
    },
    facilitator: FACILITATOR,
    presenter: PRESENTER,
    members: MEMBERS.slice(0, members),
    agreed: [],
    phaseIndex: -1,
    current: null,
    inputs: [],
    nextInputNo: 1,
    statements: {},
    picks: {},
    evaluations: {},
    recent: [],
    ...overrides,
  };
}

/** The same session, met asynchronously. */
export function inAsyncMode(session: Session): Session {
  return { ...session, settings: { ...session.settings, mode: 'async' } };
}

/** Everyone named in the session has confirmed the confidentiality agreement. */
export function everyoneAgreed(session: Session): Session {
  return { ...session, agreed: [...new Set([...session.agreed, ...participants(session)])] };
}

/**
 * The session moved to `phaseId` (running), with earlier phases done. As
 * after a real start, everyone still in it has confirmed the agreement
 * (whoever had not was taken off at the start).
 */
export function atPhase(session: Session, format: Format, phaseId: string, current: Partial<CurrentPhase> = {}): Session {
  const index = format.phases.findIndex((p) => p.id === phaseId);
  if (index < 0) throw new Error(`no phase ${phaseId}`);
  const status = format.phases[index]?.kind === 'end' ? 'ended' : 'running';
  return {
    ...everyoneAgreed(session),
    status,
    phaseIndex: index,
    current: { id: phaseId, startedAt: NOW - 120_000, roundsClosed: 0, notices: [], ...current },
  };
}

/** A round in progress: `marks` say who already had their turn. */
export function aRound(session: Session, number: number, marks: Record<UserId, RoundMark> = {}, extra: Partial<RoundState> = {}): RoundState {
  const order = session.members.filter((m) => m !== session.presenter);
  const turn = order.findIndex((u) => marks[u] === undefined);
  return { number, order, turn: turn < 0 ? order.length : turn, marks, openedAt: NOW - 60_000, reminded: [], ...extra };
}

/** Adds one input per author to a round of a phase; `text` gives each input's words. */
export function withInputs(
  session: Session,
  phaseId: string,
  round: number,
  authors: UserId[],
  text: (author: UserId, n: number) => string = (a, n) => `Input ${n} from ${a}`,
  answer?: (author: UserId, n: number) => string | undefined,
): Session {
  let next = session.nextInputNo;
  const added: Input[] = authors.map((author, k) => {
    const input: Input = { id: `i${next}`, phaseId, round, author, text: text(author, next), at: NOW - 100_000 + next * 10 + k };
    const reply = answer?.(author, next);
    if (reply !== undefined) input.answer = { text: reply, at: input.at + 5 };
    next += 1;
    return input;
  });
  return { ...session, inputs: [...session.inputs, ...added], nextInputNo: next };
}

/** A rounds phase of a format, by id (throws when it is not one). */
export function roundsPhase(format: Format, id: string): RoundsPhase {
  const phase = format.phases.find((p) => p.id === id);
  if (phase?.kind !== 'rounds') throw new Error(`${id} is not a rounds phase`);
  return phase;
}

/** Every text string in a payload, joined: what a person could read. */
export function allText(payload: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      if (typeof record.text === 'string') out.push(record.text);
      Object.entries(record).forEach(([k, child]) => {
        if (k !== 'text' || typeof child !== 'string') walk(child);
      });
    }
  };
  walk(payload);
  return out.join('\n');
}

/** Every interactive element (buttons, menus) in a payload, with its action id. */
export function elements(payload: unknown): Array<Record<string, unknown> & { action_id: string }> {
  const out: Array<Record<string, unknown> & { action_id: string }> = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      if (typeof record.action_id === 'string') out.push(record as Record<string, unknown> & { action_id: string });
      Object.values(record).forEach(walk);
    }
  };
  walk(payload);
  return out;
}

/** The action ids present, in order. */
export function actionIds(payload: unknown): string[] {
  return elements(payload).map((e) => e.action_id);
}

/** Asserts Slack would accept the message (the emulator's checker finds nothing). */
export function expectValidMessage(payload: MessagePayload): void {
  expect(checkMessage(payload)).toEqual([]);
}

/** Asserts Slack would accept the view. */
export function expectValidView(view: unknown): void {
  expect(checkView(view)).toEqual([]);
}

/** Asserts no hostile string reaches Slack unescaped in mrkdwn (so nothing can mention or link). */
export function expectNoRawHostile(payload: unknown): void {
  const mrkdwn: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const record = v as Record<string, unknown>;
      if (record.type === 'mrkdwn' && typeof record.text === 'string') mrkdwn.push(record.text);
      Object.values(record).forEach(walk);
    }
  };
  walk(payload);
  const text = [...mrkdwn, (payload as { text?: unknown }).text].filter((t): t is string => typeof t === 'string').join('\n');
  for (const hostile of ['<!channel>', '<@U123>', '<https://evil.example|click>', '<!here>', '<#C999>']) {
    expect(text).not.toContain(hostile);
  }
}
