/**
 * Issue 6, "Nobody gets in where they don't belong": every action is checked
 * against the stored session, never against what the client sent back.
 * Payloads tampered with the way anyone holding a copy of a request could: a
 * button value naming another session, input or step; a modal's
 * private_metadata pointed at another session or input; a submission sent
 * as someone else; a pick confirmed with the presenter's choices; a `user`
 * swapped for the scheduler's or the bot's own id. Each is refused with a
 * short answer (or, with no person to answer, ignored), and the store does
 * not change. (Unsigned requests and a rewritten new-session channel:
 * hardening-requests.test.ts.)
 */
import { randomBytes } from 'node:crypto';
import { formats } from '../../src/engine';
import { t } from '../../src/i18n';

/** The refusal of a click or form whose seq is ahead of the session's. */
const AHEAD_REASON = t('en', 'refusals:outOfDate');
import type { RoundsPhase } from '../../src/engine/formats/schema';
import type { EmuView, Json } from '../../dev/emulator';
import { viewSubmissionPayload } from '../../dev/emulator/driver-payloads';
import { AGREED, MODAL_FIELDS, PEOPLE_FIELD, isPickBlock } from '../../src/slack/blocks';
import { encodeRemarkMeta } from '../../src/slack/listeners/support/remark-meta';
import { ACTIONS, CALLBACKS, encodeAction } from '../../src/slack/ids';
import { UNREADABLE_FORM_TEXT } from '../../src/slack/listeners/support/guard';
import { PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { openModal, submitForged } from './forge';
import { click, createSession, giveInput, inThread, inputField, newestEphemeral, storedSession, turnOf } from './play';

const format = formats.require('progress-focused');
const questions = format.phases.find((p): p is RoundsPhase => p.id === 'factual-questions') as RoundsPhase;
const tips = format.phases.find((p): p is RoundsPhase => p.id === 'tips') as RoundsPhase;

const { alice, bob, carol, dave, erin, frank, grace } = PEOPLE;
/** The refusal to someone outside a session that has started (both sessions here have): nobody new joins, so they are sent to its facilitator. */
const participantsOnly = (facilitator: string): string =>
  `This session is for its participants, and it has started: nobody new can join. Ask the facilitator (<@${facilitator}>) if you think you should be in it.`;

let bot: TestBot;
/** The session played here: alice guides and takes part, bob presents, carol, dave and erin are members. */
let mine = '';
/** Another session in the same channel, where carol, dave and bob have no part. */
let other = '';

/** Both sessions as stored, and how many messages the bot has in the channel: what tampering must not change. */
async function snapshot(): Promise<unknown> {
  const messages = bot.emulator.calls().filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update').length;
  return { sessions: [await storedSession(bot, mine), await storedSession(bot, other)], messages };
}

/** Sends `user`'s click on the button labelled `label` (as `viewer` sees it), with whatever value and user the sender chose. */
async function forgeClick(viewer: string, label: string, forged: { user?: string; value?: string; touched?: Record<string, Record<string, Json>> }): Promise<number> {
  const { item, control } = bot.person(viewer).findButton(label, inThread(bot));
  const el = control.element;
  const action: Json = { type: 'button', action_id: el.action_id, block_id: control.block.block_id, text: el.text, value: forged.value ?? el.value };
  const response = await bot.driver.blockAction({ user: forged.user ?? viewer, source: item.source, action, ...(forged.touched ? { touched: forged.touched } : {}) });
  await bot.settle();
  return response.status;
}

beforeAll(async () => {
  bot = await startTestBot({ name: __filename });
  other = await createSession(bot, { facilitator: frank, presenter: grace, members: [erin], title: 'Another group' });
  await click(bot, frank, 'Start (facilitator)');
  // Later than the other session, so the newest card (the one people click in below) is this one.
  bot.clock.advance(60_000);
  mine = await createSession(bot, { facilitator: alice, presenter: bob, members: [carol, dave, erin], title: 'Tampering' });
  expect(mine).not.toBe(other);
  await click(bot, alice, 'Start (facilitator)');
  await click(bot, bob, 'Done (case presenter)');
  await click(bot, alice, 'I pass');
  expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
});

afterAll(async () => {
  await bot?.stop();
});

afterEach(() => {
  expect(bot.emulator.violations).toEqual([]);
});

describe('a button value rewritten by the sender', () => {
  it('carol\'s "I pass" pointed at a session she has no part in is refused, and neither session changes', async () => {
    const before = await snapshot();
    const target = await storedSession(bot, other);
    const value = encodeAction({ sessionId: other, seq: target.seq, phaseId: 'presentation', round: 1 });
    expect(await forgeClick(carol, 'I pass', { value })).toBe(200);
    expect(newestEphemeral(bot, carol)).toBe(participantsOnly(frank));
    expect(await snapshot()).toEqual(before);
  });

  it('a session id that does not exist is answered as closed, and nothing is created', async () => {
    const before = await snapshot();
    await forgeClick(carol, 'I pass', { value: encodeAction({ sessionId: 'forged-session', seq: 1, phaseId: questions.id, round: 1 }) });
    expect(newestEphemeral(bot, carol)).toBe('This session has closed.');
    expect(await snapshot()).toEqual(before);
    expect(await bot.redis.keys()).not.toContainEqual(expect.stringContaining('forged-session'));
  });

  it("dave's Next phase drawn for the facilitator, with the current seq, is refused: only alice moves the session on", async () => {
    const before = await snapshot();
    const now = await storedSession(bot, mine);
    await forgeClick(alice, 'Next phase (facilitator)', { user: dave, value: encodeAction({ sessionId: mine, seq: now.seq, phaseId: questions.id }) });
    expect(newestEphemeral(bot, dave)).toBe(`Only the facilitator (<@${alice}>) can move to the next phase.`);
    expect(await snapshot()).toEqual(before);
  });

  it('carol\'s "I pass" with a seq ahead of the session\'s is turned down as stale, kindly: her turn stays hers', async () => {
    const before = await snapshot();
    const now = await storedSession(bot, mine);
    await forgeClick(carol, 'I pass', { value: encodeAction({ sessionId: mine, seq: now.seq + 3, phaseId: questions.id, round: 1 }) });
    expect(newestEphemeral(bot, carol)).toBe(AHEAD_REASON);
    expect(await snapshot()).toEqual(before);
    expect(turnOf(bot, questions)).toEqual({ holder: carol, round: 1 });
  });

  it('a value that is not a reference at all is answered, and changes nothing', async () => {
    const before = await snapshot();
    await forgeClick(carol, 'I pass', { value: `${mine}|not-a-seq|${'x'.repeat(500)}` });
    expect(newestEphemeral(bot, carol)).toBe('This step has moved on.');
    expect(await snapshot()).toEqual(before);
  });
});

describe("the circle's own modals, built by someone they were never shown to", () => {
  /** A modal `user` never opened, with the callback, metadata and filled-in inputs they chose (an input block for each). */
  function builtBy(user: string, callbackId: string, privateMetadata: string, values: Record<string, Record<string, Json>>): EmuView {
    const blocks = Object.entries(values).flatMap(([blockId, actions]) =>
      Object.entries(actions).map(([actionId, value]) => ({ type: 'input', block_id: blockId, label: { type: 'plain_text', text: blockId }, element: { type: value.type, action_id: actionId } })),
    );
    return { ...openModalShape(user), callback_id: callbackId, private_metadata: privateMetadata, blocks, state: { values } };
  }

  it("grace's agreement pointed at this session after its start is refused in the modal: nobody new joins", async () => {
    const before = await snapshot();
    const seq = (await storedSession(bot, mine)).seq;
    const view = builtBy(grace, CALLBACKS.join, encodeAction({ sessionId: mine, seq }), {
      [MODAL_FIELDS.agree]: { [MODAL_FIELDS.agree]: { type: 'checkboxes', selected_options: [{ text: { type: 'plain_text', text: 'I agree' }, value: AGREED }] } },
    });
    expect(await submitForged(bot, grace, view)).toEqual({
      [MODAL_FIELDS.agree]: `This session has started, so nobody new can join. Ask the facilitator (<@${alice}>) if you think you should be in it.`,
    });
    expect(await snapshot()).toEqual(before);
    const session = await storedSession(bot, mine);
    expect([...session.members, ...session.agreed]).not.toContain(grace);
  });

  it("dave's People modal naming grace is refused in the modal: only alice changes who takes part", async () => {
    const before = await snapshot();
    const seq = (await storedSession(bot, mine)).seq;
    const view = builtBy(dave, CALLBACKS.people, encodeAction({ sessionId: mine, seq }), {
      [PEOPLE_FIELD.block]: { [PEOPLE_FIELD.action]: { type: 'multi_users_select', selected_users: [grace] } },
    });
    expect(await submitForged(bot, dave, view)).toEqual({ [PEOPLE_FIELD.block]: `Only the facilitator (<@${alice}>) can change who takes part.` });
    expect(await snapshot()).toEqual(before);
  });

  it("dave's \"Start without them\" naming carol takes nobody off: he is told why, and carol hears nothing", async () => {
    const before = await snapshot();
    const seq = (await storedSession(bot, mine)).seq;
    const view = builtBy(dave, CALLBACKS.takeOff, `${encodeAction({ sessionId: mine, seq })};${carol}`, {});
    const response = await bot.driver.sendPayload(viewSubmissionPayload(bot.emulator, dave, view, bot.emulator.issueTrigger(dave)));
    await bot.settle();
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain(`Only the facilitator (<@${alice}>) can start the session.`);
    expect(await snapshot()).toEqual(before);
    expect((await storedSession(bot, mine)).members).toContain(carol);
    expect(bot.person(carol).read('dm')).not.toContain('no longer part');
  });
});

describe("a modal's private_metadata altered", () => {
  let modal: EmuView;

  beforeAll(async () => {
    await click(bot, carol, questions.input.label);
    await bot.person(carol).modal().fill(inputField(questions), 'What did the team say?');
    modal = openModal(bot, carol);
  });

  it("carol's question pointed at the other session is refused in the modal; nothing is posted anywhere", async () => {
    const before = await snapshot();
    const target = await storedSession(bot, other);
    const errors = await submitForged(bot, carol, modal, { private_metadata: encodeAction({ sessionId: other, seq: target.seq, phaseId: questions.id, round: 1 }) });
    expect(errors).toEqual({ [MODAL_FIELDS.text]: participantsOnly(frank) });
    expect(await snapshot()).toEqual(before);
  });

  it("carol's question with a seq ahead of the session's is turned down in the modal as stale; nothing is posted", async () => {
    const before = await snapshot();
    const seq = (await storedSession(bot, mine)).seq;
    const errors = await submitForged(bot, carol, modal, { private_metadata: encodeAction({ sessionId: mine, seq: seq + 1, phaseId: questions.id, round: 1 }) });
    expect(errors).toEqual({ [MODAL_FIELDS.text]: AHEAD_REASON });
    expect(await snapshot()).toEqual(before);
  });

  it('metadata that is not ours asks carol to use the buttons again', async () => {
    const before = await snapshot();
    const errors = await submitForged(bot, carol, modal, { private_metadata: '{"sessionId":"x","seq":1}' });
    expect(errors).toEqual({ [MODAL_FIELDS.text]: 'This form is out of date. Please close it and use the buttons in the thread again.' });
    expect(await snapshot()).toEqual(before);
  });

  it('the same modal sent by someone outside the session, by a member out of turn, or by the presenter is refused', async () => {
    const before = await snapshot();
    expect(await submitForged(bot, grace, modal)).toEqual({ [MODAL_FIELDS.text]: participantsOnly(alice) });
    expect(await submitForged(bot, dave, modal)).toEqual({ [MODAL_FIELDS.text]: `It's <@${carol}>'s turn.` });
    expect(await submitForged(bot, bob, modal)).toEqual({ [MODAL_FIELDS.text]: 'As the case presenter you listen in this phase; the team members give the questions.' });
    expect(await snapshot()).toEqual(before);
  });

  it("sent as the bot's own user or as the scheduler, it is not taken as a person's input", async () => {
    const before = await snapshot();
    expect(await submitForged(bot, DEMO.bot, modal)).toEqual({ [MODAL_FIELDS.text]: participantsOnly(alice) });
    // "system" is not a Slack user id: the payload is not read at all, only its kind logged, and the modal says so rather than closing.
    const unread = bot.logLines.filter((line) => line.includes('a submission we could not read')).length;
    expect(await submitForged(bot, 'system', modal)).toEqual({ [MODAL_FIELDS.text]: UNREADABLE_FORM_TEXT });
    expect(bot.logLines.filter((line) => line.includes('a submission we could not read'))).toHaveLength(unread + 1);
    expect(await snapshot()).toEqual(before);
  });

  it('carol, in her turn, sends the untouched modal: it is taken, so the refusals above were about the tampering', async () => {
    const seq = (await storedSession(bot, mine)).seq;
    expect(await submitForged(bot, carol, modal)).toBeUndefined();
    await bot.settle();
    expect((await storedSession(bot, mine)).seq).toBeGreaterThan(seq);
    expect((await storedSession(bot, mine)).inputs.map((i) => i.author)).toEqual([carol]);
  });
});

describe("another member's input named in a value or in metadata", () => {
  let carolsInput = '';
  let davesInput = '';

  beforeAll(async () => {
    await giveInput(bot, dave, questions, 'How long has it been like this?');
    const inputs = (await storedSession(bot, mine)).inputs;
    carolsInput = inputs.find((i) => i.author === carol)?.id ?? '';
    davesInput = inputs.find((i) => i.author === dave)?.id ?? '';
    expect(turnOf(bot, questions)).toEqual({ holder: erin, round: 1 });
  });

  it("dave's Withdraw naming carol's question is refused, and her question stays", async () => {
    const before = await snapshot();
    const { item, control } = bot.person(dave).findButton('I pass', inThread(bot));
    const value = encodeAction({ sessionId: mine, seq: (await storedSession(bot, mine)).seq, inputId: carolsInput, op: 'withdraw' });
    await bot.driver.blockAction({ user: dave, source: item.source, action: { type: 'overflow', action_id: ACTIONS.inputMenu, block_id: control.block.block_id, selected_option: { text: { type: 'plain_text', text: 'Withdraw' }, value } } });
    await bot.settle();
    expect(newestEphemeral(bot, dave)).toBe('Only its author can change or withdraw an input.');
    expect(await snapshot()).toEqual(before);
  });

  it("the presenter's Answer button, sent by a member, opens nothing and answers nothing", async () => {
    const before = await snapshot();
    const { item, control } = bot.person(dave).findButton('I pass', inThread(bot));
    const value = encodeAction({ sessionId: mine, seq: (await storedSession(bot, mine)).seq, phaseId: questions.id, inputId: carolsInput });
    await bot.driver.blockAction({ user: dave, source: item.source, action: { type: 'button', action_id: ACTIONS.answer, block_id: control.block.block_id, value } });
    await bot.settle();
    expect(newestEphemeral(bot, dave)).toBe(`Only the case presenter (<@${bob}>) answers the questions.`);
    expect(bot.emulator.openViews(dave)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("carol's edit modal pointed at dave's question is refused in the modal, and both questions keep their words", async () => {
    const before = await snapshot();
    // Open carol's own edit modal the way she would: the overflow beside her question.
    const board = bot.thread().find((m) => m.blocks.some((b) => b.block_id === `input-${carolsInput}`));
    const beside = board?.blocks.find((b) => b.block_id === `input-${carolsInput}`);
    await bot.person(carol).selectOption((beside?.text as { text: string }).text, 'Edit (yours only)', inThread(bot));
    await bot.settle();
    const modal = openModal(bot, carol);
    expect(modal.callback_id).toBe(CALLBACKS.edit);
    const seq = (await storedSession(bot, mine)).seq;
    const errors = await submitForged(bot, carol, modal, { private_metadata: encodeAction({ sessionId: mine, seq, phaseId: questions.id, round: 1, inputId: davesInput }) });
    expect(errors).toEqual({ [MODAL_FIELDS.text]: 'Only its author can change or withdraw an input.' });
    expect(await snapshot()).toEqual(before);
    await bot.person(carol).modal().close();
  });
});

describe("a pick confirmed by a member with the presenter's choices", () => {
  const usefulness = format.phases.find((p) => p.kind === 'choice');
  let tip = '';

  beforeAll(async () => {
    await click(bot, erin, 'I pass');
    await click(bot, alice, 'Next phase (facilitator)');
    await click(bot, alice, 'Next phase (facilitator)');
    await click(bot, alice, 'I pass');
    await giveInput(bot, carol, tips, 'Ask them what they need');
    tip = (await storedSession(bot, mine)).inputs.find((i) => i.phaseId === tips.id)?.id ?? '';
    await click(bot, alice, 'Next phase (facilitator)');
    expect((await storedSession(bot, mine)).current?.id).toBe(usefulness?.id);
  });

  /** The pick menu's state as the presenter would send it, with the tip chosen. */
  function presenterChoice(): Record<string, Record<string, Json>> {
    const block = bot.thread().flatMap((m) => m.blocks).find((b) => isPickBlock(String(b.block_id)));
    if (!block) throw new Error('no pick menu in the prompt');
    return { [String(block.block_id)]: { [ACTIONS.pick]: { type: 'multi_static_select', selected_options: [{ text: { type: 'plain_text', text: 'T1' }, value: tip }] } } };
  }

  it('carol sends "Confirm picks" with the pick block filled in as the presenter would: refused, nothing picked', async () => {
    const before = await snapshot();
    await forgeClick(carol, 'Confirm picks (case presenter)', { touched: presenterChoice() });
    expect(newestEphemeral(bot, carol)).toBe(`Only the case presenter (<@${bob}>) picks here; nobody can pick for them.`);
    expect((await storedSession(bot, mine)).picks).toEqual({});
    expect(await snapshot()).toEqual(before);
  });

  it('carol sends a remark modal she built herself, naming the tip: refused in the modal', async () => {
    const before = await snapshot();
    const seq = (await storedSession(bot, mine)).seq;
    const view: EmuView = {
      ...openModalShape(carol),
      callback_id: CALLBACKS.remark,
      private_metadata: encodeRemarkMeta({ sessionId: mine, seq, phaseId: usefulness?.id ?? '' }, [tip]),
      blocks: [{ type: 'input', block_id: MODAL_FIELDS.remark, label: { type: 'plain_text', text: 'Remark' }, element: { type: 'plain_text_input', action_id: MODAL_FIELDS.remark } }],
      state: { values: { [MODAL_FIELDS.remark]: { [MODAL_FIELDS.remark]: { type: 'plain_text_input', value: 'I pick for bob' } } } },
    };
    expect(await submitForged(bot, carol, view)).toEqual({ [MODAL_FIELDS.remark]: `Only the case presenter (<@${bob}>) picks here; nobody can pick for them.` });
    expect(await snapshot()).toEqual(before);
  });

  it("the same click with `user` swapped for the scheduler's or the bot's id picks nothing", async () => {
    const before = await snapshot();
    await forgeClick(carol, 'Confirm picks (case presenter)', { user: 'system', touched: presenterChoice() });
    await forgeClick(carol, 'Confirm picks (case presenter)', { user: DEMO.bot, touched: presenterChoice() });
    expect((await storedSession(bot, mine)).picks).toEqual({});
    expect(await snapshot()).toEqual(before);
  });

  it("the presenter's own click with the same state is taken, so the refusals were about who sent it", async () => {
    await forgeClick(bob, 'Confirm picks (case presenter)', { touched: presenterChoice() });
    expect((await storedSession(bot, mine)).picks[usefulness?.id ?? '']?.items).toEqual([tip]);
  });
});

/** A modal record with nothing in it, to build a view a person never opened. */
function openModalShape(user: string): EmuView {
  return {
    id: `V${randomBytes(4).toString('hex').toUpperCase()}`,
    team_id: DEMO.team,
    type: 'modal',
    user,
    blocks: [],
    private_metadata: '',
    callback_id: '',
    external_id: '',
    state: { values: {} },
    hash: 'h',
    clear_on_close: false,
    notify_on_close: false,
    root_view_id: '',
    previous_view_id: null,
    app_id: 'A0INTERV',
    bot_id: 'B0BOT',
    app_installed_team_id: DEMO.team,
  };
}
