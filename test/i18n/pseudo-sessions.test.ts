/**
 * No hard-coded text: a whole session of each format, met live in writing,
 * on a call and asynchronously, drawn in a pseudo-locale (test/support/pseudo.ts)
 * at every step: the card, every phase's prompt and round board, the thread
 * notices, the direct messages (reminders, turns, the presenter's step, the
 * invitation, taken off, the facilitator's notices), every modal a person
 * opens on the way, the guarding notes, the presenter's copy, the close
 * note, and the session in a list and on the App Home. Every word a person
 * can read must have come out transformed: a plain ASCII letter left is text
 * that did not come from a catalog or a format.
 */
import type { Format, Phase } from '../../src/engine/formats/schema';
import { formats } from '../../src/engine/formats';
import type { NoticeKind, Session } from '../../src/engine/session';
import { localFormat } from '../../src/i18n/formats';
import * as blocks from '../../src/slack/blocks';
import { channelGoneMessage, deactivatedMessage, userGoneMessage } from '../../src/slack/blocks/facilitator-notices';
import { caseNotChosenDm } from '../../src/slack/blocks/group-messages';
import { translator } from '../../src/i18n';
import { render } from '../../src/slack/outbound/render';
import { ANNA, BEN } from '../engine/table';
import { hardCoded, usePseudoLocale } from '../support/pseudo';
import { TYPED, type Meeting, playWhole, tableFor } from './play';

const PSEUDO = usePseudoLocale();
const typed = Object.values(TYPED).flatMap((v) => (typeof v === 'string' ? [v] : Array.from({ length: 40 }, (_, n) => v(n))));
const ref = { sessionId: 'S1', seq: 3 };
const NOTICES: NoticeKind[] = ['timebox-ending', 'timebox-ended', 'paused', 'resumed', 'member-removed', 'member-left', 'member-joined'];

/** Collects what a payload shows that the pseudo-locale did not make, under a name for the failure. */
class Findings {
  readonly found = new Set<string>();
  check(what: string, payload: unknown): void {
    for (const problem of hardCoded(payload, typed)) this.found.add(`${what} ${problem}`);
  }
}

/** The card, the pointer, every phase's prompt and board (together and apart), the thread notices. */
function drawThread(f: Findings, s: Session, format: Format, now: number): void {
  f.check('card', render.card(s, format, now));
  f.check('pointer', render.pointer(s, format));
  for (const phase of format.phases) {
    for (const separate of [false, true]) for (const m of render.step(s, format, phase.id, now, separate)) f.check(`${m.key}`, m.payload);
  }
  for (const kind of NOTICES) f.check(`notice ${kind}`, render.notice(s, format, { type: 'notice', notice: kind, phaseId: s.current?.id ?? format.phases[0]!.id, user: ANNA }, now));
}

/** The direct messages about the phase now: reminders and turns in every state, the presenter's step. */
function drawDms(f: Findings, s: Session, format: Format, phase: Phase, now: number): void {
  f.check('presenter reminder', blocks.presenterReminderDm(s, format, phase, now + 3_600_000, 'https://slack.example/p1'));
  f.check('presenter reminder, no link', blocks.presenterReminderDm(s, format, phase));
  const round = s.current?.round?.number;
  if (phase.kind !== 'rounds' || round === undefined) return;
  f.check('reminder', blocks.reminderDm(s, format, phase, round, now + 3_600_000, 'https://slack.example/p1'));
  f.check('your turn', blocks.yourTurnDm(s, format, phase, round));
  f.check('turn note', blocks.turnNote(s, phase, round));
  f.check('turn over', blocks.turnOverDm(s, phase, round));
  f.check('reminder taken', blocks.reminderTakenDm(s, phase, round, now + 3_600_000));
  f.check('reminder over', blocks.reminderOverDm(s, phase, round));
}

/** The modals of the phase now, as the buttons open them, and the guarding forms and notes for its inputs. */
function drawModals(f: Findings, s: Session, format: Format, phase: Phase): void {
  const at = { ...ref, phaseId: phase.id };
  if (phase.kind === 'statement') f.check('statement modal', blocks.statementModal(s, phase, at, TYPED.case));
  if (phase.kind === 'evaluation') for (const presenter of [true, false]) f.check('evaluation modal', blocks.evaluationModal(s, phase, at, presenter, { useful: 'no', at: 0 }));
  if (phase.kind === 'choice') {
    f.check('remark modal', blocks.remarkModal(s, phase, at));
    f.check('named picks modal', blocks.namedPicksModal(s, phase, at));
  }
  if (phase.kind !== 'rounds') return;
  for (const spoken of [false, true]) {
    f.check('input modal', blocks.inputModal(s, format, phase, at, undefined, spoken));
    f.check('edit modal', blocks.inputModal(s, format, phase, at, TYPED.input(1), spoken));
  }
  const labels = blocks.inputLabels(s, format, phase);
  for (const input of s.inputs.filter((i) => i.phaseId === phase.id)) {
    const label = labels.get(input.id) ?? '';
    f.check('answer modal', blocks.answerModal(s, input, at, label));
    f.check('hide modal', blocks.hideModal(s, format, input, label, at));
    f.check('clarify modal', blocks.clarifyModal(s, format, input, label, at));
    for (const reason of format.hideReasons) f.check('hidden note', blocks.hiddenNote(s, format, phase, label, reason, input.spoken === true));
    f.check('clarify request', blocks.clarifyRequest(s, format, phase, label, input.id, input.spoken === true));
  }
}

/** What is drawn once per session state about its people: the circle's messages and modals, the facilitator's notices, lists. */
function drawCircle(f: Findings, s: Session, format: Format): void {
  const tr = translator(PSEUDO);
  f.check('invitation', blocks.invitationDm(s, format));
  f.check('taken off', blocks.takenOffDm(s));
  f.check('people modal', blocks.peopleModal(s, ref));
  f.check('joined view', blocks.joinedView(s));
  f.check('join modal', blocks.joinModal(tr, format.phases.find((p) => p.kind === 'agreement')?.instruction ?? tr('modals:join.standard', { presenter: format.roles.presenter }), ref));
  f.check('extend modals', [blocks.extendModal(tr, ref), blocks.extendHoursModal(tr, ref)]);
  f.check('channel gone', channelGoneMessage(s));
  f.check('user gone', userGoneMessage(s, ANNA));
  for (const was of [{ presenter: true, facilitator: false, member: false }, { presenter: false, facilitator: true, member: true }, { presenter: false, facilitator: false, member: true }]) {
    f.check('deactivated', deactivatedMessage(s, BEN, was));
  }
  f.check('list', blocks.listMessage(PSEUDO, [{ session: s, format: formats.require(s.formatId) }]));
  const entry = { session: s, format: formats.require(s.formatId) };
  for (const viewer of [s.presenter, s.facilitator, ...s.members]) {
    const home = { viewer, lang: PSEUDO, formats: formats.list(), now: s.updatedAt };
    f.check('home', blocks.homeView({ ...home, sessions: [entry] }));
    f.check('home, linked', blocks.homeView({ ...home, sessions: [{ ...entry, link: 'https://slack.example/p1' }], unread: 3 }));
  }
}

describe.each(formats.list().map((format) => [format.id, format] as const))('%s, drawn in a pseudo-locale, shows no text that is not translated', (_id, english) => {
  const format = localFormat(english, PSEUDO);

  test.each<Meeting>(['live', 'call', 'async'])('met %s: every step of a whole session', (meeting) => {
    const t = tableFor(english, meeting, PSEUDO);
    const f = new Findings();
    let lastPhase: string | undefined;
    const step = (): void => {
      const s = t.session;
      drawThread(f, s, format, t.now);
      const phase = format.phases.find((p) => p.id === s.current?.id);
      if (phase) drawDms(f, s, format, phase, t.now);
      if (phase) drawModals(f, s, format, phase);
      if (s.current?.id !== lastPhase || s.status !== 'running') drawCircle(f, s, format);
      lastPhase = s.current?.id;
    };
    playWhole(t, format, step, () => {
      for (const page of render.presenterCopy(t.session, format)) f.check('presenter copy', page);
    });
    expect(t.session.status).toBe('closing');
    f.check('close note', blocks.closeNote({ lang: PSEUDO, formatName: format.name, people: 5, date: t.now }));
    f.check('close note, unread', blocks.closeNote({ lang: PSEUDO, date: t.now }));
    f.check('idle closed', blocks.idleClosedDm({ lang: PSEUDO, formatName: format.name, channel: 'C0TEAM', reason: 'max-age' }));
    expect([...f.found]).toEqual([]);
  });
});

describe("a group's meeting choosing its case, drawn in a pseudo-locale, shows no text that is not translated", () => {
  const english = formats.list()[0]!;
  const format = localFormat(english, PSEUDO);
  const proposals = [
    { id: 'g1', author: ANNA, title: TYPED.case, at: 0 },
    { id: 'g2', author: BEN, at: 0 },
  ];

  test('the card with no presenter yet, the list, the choosing step (with votes), the DM about a case not chosen, and the case once chosen, by vote and by pick', () => {
    const base = tableFor(english, 'live', PSEUDO).session;
    const { presenter: _fixed, ...withoutPresenter } = base;
    const choosing: Session = { ...withoutPresenter, status: 'selecting', current: null, selection: { proposals, votes: { [ANNA]: 'g2' }, nextNo: 1 } };
    const f = new Findings();
    f.check('card, open, no presenter', render.card({ ...choosing, status: 'open' }, format, 0));
    f.check('card, selecting', render.card(choosing, format, 0));
    f.check('list, selecting', blocks.listMessage(PSEUDO, [{ session: choosing, format: english }]));
    f.check('selection, none yet', render.selection({ ...choosing, selection: { proposals: [], votes: {}, nextNo: 1 } }, format));
    f.check('selection, choosing', render.selection(choosing, format));
    for (const proposal of proposals) f.check('case not chosen', caseNotChosenDm(choosing, proposal));
    for (const by of ['vote', 'pick'] as const) {
      for (const proposalId of ['g1', 'g2']) {
        const chosen = { ...choosing, status: 'running' as const, presenter: ANNA, selection: { proposals, votes: {}, nextNo: 1, chosen: { proposalId, author: ANNA, by, at: 0 } } };
        f.check(`selection, chosen by ${by}`, render.selection(chosen, format));
      }
    }
    expect([...f.found]).toEqual([]);
  });
});
