/**
 * Issue 4's "Done when": a whole live session played through signed
 * requests, as the people in it see it, in each format: /intervision new,
 * joining, every phase, a double click, a stale button, a click out of turn,
 * the picks, the evaluations, and the close that leaves nothing behind.
 */
import { formats } from '../../src/engine';
import type { ChoicePhase, EvaluationPhase, Format, Phase, RoundsPhase } from '../../src/engine/formats/schema';
import { DEMO } from '../support/slack';
import { CHANNEL, PEOPLE, startTestBot, type TestBot } from '../support/bot';
import { globEscape, scanKeys, timerMembers } from '../support/redis';
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import { inputSpecOf } from '../../src/engine/queries';
import { PLACE, agreeFromInvitation, boardOf, click, inThread, newestEphemeral, pickMenuOptions, promptOf, roleButton, storedSession, textOf, turnOf, unansweredLabels, writeInModal } from './play';

/** Every text people write carries this mark, so the log can be searched for it. */
const MARK = 'CONFIDENTIAL';

const FACILITATOR = PEOPLE.alice;
const PRESENTER = PEOPLE.bob;
/** Named in the modal. */
const LISTED = [PEOPLE.carol, PEOPLE.dave, PEOPLE.erin];
/** Join from the card. */
const JOINERS = [PEOPLE.frank, PEOPLE.grace];

interface Plan {
  formatId: string;
  /** What the facilitator types after /intervision new. */
  typed: string;
  /** The other format, chosen first in the modal to see it redraw. */
  otherFormat: string;
  /** The presenter tells the case aloud (Done) instead of writing it. */
  tellAloud: boolean;
}

const PLANS: Plan[] = [
  { formatId: 'progress-focused', typed: 'new', otherFormat: 'Agile-Intervision', tellAloud: false },
  { formatId: 'agile-intervision', typed: 'new agile', otherFormat: 'Progress-focused intervision', tellAloud: true },
  { formatId: 'collegial-consultation', typed: 'new collegial', otherFormat: 'Agile-Intervision', tellAloud: true },
];

/** "Case giver", "Observers": a role word as the card's label. */
function label(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Rounds with inputs before a round of passes ends the phase (the format's cap, if it has one, ends it sooner). */
function inputRounds(phase: RoundsPhase): number {
  return phase.maxRounds ?? (phase.id === 'tips' ? 2 : 1);
}

/** Who gives an input at this place in a round: three in round 1, two in round 2, nobody after. */
function givesInput(phase: RoundsPhase, round: number, position: number): boolean {
  if (round > inputRounds(phase)) return false;
  return round === 1 ? position < 3 : position === 0 || position === 3;
}

describe.each(PLANS)('a live $formatId session through Slack, from /intervision new to close', (plan) => {
  const format: Format = formats.require(plan.formatId);
  const { presenter, facilitator, member } = format.roles;
  /** A button for a role, in this format's words: "Done (case giver)". */
  const forRole = (role: 'presenter' | 'facilitator', text: string): string => roleButton(format, role, text);
  const firstRounds = format.phases.find((p) => p.kind === 'rounds');
  let bot: TestBot;
  let sessionId = '';
  let cardTs = '';
  const written: string[] = [];
  /** A text a person writes (marked, and remembered for the checks at the end). */
  const write = (what: string): string => {
    const text = `${MARK} ${what}`;
    written.push(text);
    return text;
  };

  beforeAll(async () => {
    bot = await startTestBot({ name: `${__filename}-${plan.formatId}` });
  });

  afterAll(async () => {
    await bot?.stop();
  });

  afterEach(() => {
    // No Block Kit limit broken, no ack slower than 3 s, no error a person would see.
    expect(bot.emulator.violations).toEqual([]);
  });

  it('opens the modal, redraws it for another format, points at the wrong field, then posts the card', async () => {
    const alice = bot.person(FACILITATOR);
    await alice.command('/intervision', plan.typed);
    await bot.settle();
    const modal = alice.modal();
    expect(modal.title).toBe('New intervision session');

    await modal.select('Format', plan.otherFormat);
    await bot.settle();
    await modal.select('Format', format.name);
    await bot.settle();
    // The timeboxes are the chosen format's, prefilled from it.
    for (const phase of format.phases.filter((p) => p.kind !== 'end' && p.kind !== 'agreement')) expect(modal.text()).toContain(phase.title);

    await modal.pickUsers('Presenter (brings the case)', [PRESENTER]);
    await modal.pickUsers('Members', [...LISTED, PRESENTER]);
    await modal.fill('Title', 'Peer group, March');
    await modal.select(PLACE.label, PLACE.thread);
    await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
    const refused = await modal.submit();
    expect(refused.errors).toEqual({ Members: "The presenter brings the case and can't also be a member: please remove them here." });

    await modal.pickUsers('Members', LISTED);
    const accepted = await modal.submit();
    expect(accepted.errors).toBeUndefined();
    await bot.settle();

    sessionId = await bot.sessionId();
    cardTs = bot.card()?.ts ?? '';
    const card = textOf(bot.card());
    expect(card).toContain('Peer group, March');
    expect(card).toContain(format.name);
    // The creator confirmed the agreement in the form; everyone else is still invited.
    expect(card).toContain(`*${label(facilitator.singular)}:* <@${FACILITATOR}> ✓`);
    expect(card).toContain(`*${label(presenter.singular)}:* <@${PRESENTER}> _(invited)_`);
    expect(bot.person(PEOPLE.carol).findButton('Join').item.ts).toBe(cardTs);
  });

  it('lets late members join after confirming the confidentiality agreement, once', async () => {
    const [frank, grace] = JOINERS.map((id) => bot.person(id));
    if (!frank || !grace) throw new Error('joiners missing');
    await frank.click('Join');
    await bot.settle();
    const modal = frank.modal();
    expect(modal.title).toBe('Join the session');
    expect(modal.text()).toMatch(/stays (here|in this session)/);
    const unticked = await modal.submit();
    expect(unticked.errors?.['Your confirmation']).toContain('Please tick “I agree”');
    await modal.check('Your confirmation', ['I agree']);
    expect((await modal.submit()).errors).toBeUndefined();

    await grace.click('Join');
    await bot.settle();
    await grace.modal().check('Your confirmation', ['I agree']);
    expect((await grace.modal().submit()).errors).toBeUndefined();
    await bot.settle();

    await frank.click('Join');
    await bot.settle();
    expect(newestEphemeral(bot, PEOPLE.frank)).toBe("You're already part of this session.");
    // The people named in the form confirm it from their invitation.
    for (const user of [PRESENTER, ...LISTED]) await agreeFromInvitation(bot, user);
    const card = textOf(bot.card());
    // The facilitator takes part as a member where the format usually has them do so.
    if (format.facilitatorIsMemberByDefault) expect(card).toContain(`*${label(facilitator.singular)}:* <@${FACILITATOR}> ✓ (also one of ${member.definitePlural})`);
    expect(card).toContain(`*${label(member.plural)}:* ${[...LISTED, ...JOINERS].map((u) => `<@${u}> ✓`).join(', ')}`);
    expect(bot.person(FACILITATOR).findButton(forRole('facilitator', 'Start')).control.names[0]).toBe(`${forRole('facilitator', 'Start')} · 7 of 7 ready`);
  });

  it('starts only when the facilitator clicks Start', async () => {
    await bot.person(PEOPLE.dave).click(forRole('facilitator', 'Start'));
    await bot.settle();
    expect(newestEphemeral(bot, PEOPLE.dave)).toBe(`Only ${facilitator.definite} (<@${FACILITATOR}>) can start the session.`);
    await bot.person(FACILITATOR).click(forRole('facilitator', 'Start'));
    await bot.settle();
    expect(promptOf(bot, format.phases[0] as Phase)).toBeDefined();
  });

  for (const phase of format.phases) {
    switch (phase.kind) {
      case 'agreement':
        it(`${phase.title}: passes at once, because everyone agreed before the start`, async () => {
          expect(textOf(promptOf(bot, phase))).toContain('Phase done — 7 of 7 agreed.');
        });
        break;
      case 'statement':
        it(`${phase.title}: only the ${presenter.singular} completes it`, async () => {
          const aloud = plan.tellAloud && phase.text === 'optional';
          await click(bot, PEOPLE.carol, aloud ? forRole('presenter', 'Done') : forRole('presenter', phase.textLabel));
          expect(newestEphemeral(bot, PEOPLE.carol)).toBe(`Only ${presenter.definite} (<@${PRESENTER}>) completes this step.`);
          if (aloud) await click(bot, PRESENTER, forRole('presenter', 'Done'));
          else await writeInModal(bot, PRESENTER, forRole('presenter', phase.textLabel), { [phase.textLabel]: write(`${phase.title}: how do I get my team talking again`) });
          expect(textOf(promptOf(bot, phase, PEOPLE.dave))).toContain(aloud ? 'told it aloud' : 'wrote it down');
        });
        break;
      case 'rounds':
        it(`${phase.title}: turns in order, "I pass", ${phase.answerPass ? 'an answer or a pass on every question, ' : phase.answerable ? 'an answer to every question, ' : ''}${phase === firstRounds ? 'a click out of turn, a stale button and a double click' : 'until the rounds are over'}`, async () => {
          await recalls(phase);
          await playRounds(phase, phase === firstRounds);
          expect(textOf(promptOf(bot, phase))).toContain('Phase done —');
        });
        break;
      case 'choice':
        it(`${phase.title}: the ${presenter.singular} picks, and the group sees the picks`, async () => {
          await pick(phase);
        });
        break;
      case 'evaluation':
        it(`${phase.title}: the ${presenter.singular} first, then every one of ${member.definitePlural}`, async () => {
          await evaluate(phase);
        });
        break;
      case 'end':
        it(`End: in the format's own words; the ${facilitator.singular} closes; the ${presenter.singular} keeps a private copy and nothing else remains`, async () => {
          await close();
        });
        break;
    }
  }

  /** What a rounds phase recalls from earlier steps is in its prompt: the key question and the method, the observations that resonate. */
  async function recalls(phase: RoundsPhase): Promise<void> {
    const session = await storedSession(bot, sessionId);
    const prompt = textOf(promptOf(bot, phase));
    for (const id of phase.recall ?? []) {
      const text = session.statements[id]?.text;
      if (text !== undefined) expect(prompt).toContain(text);
      const source = format.phases.find((p) => p.id === id);
      for (const item of session.picks[id]?.items ?? []) {
        const shown = source?.kind === 'choice' && source.options ? source.options.find((o) => o.id === item)?.label : session.inputs.find((i) => i.id === item)?.text;
        expect(prompt).toContain(shown);
      }
    }
    if (phase.inputFrom) expect(inputSpecOf(session, format, phase)).not.toBe(phase.input);
  }

  /** Plays a rounds phase turn by turn, reading whose turn it is from the prompt. */
  async function playRounds(phase: RoundsPhase, withMishaps: boolean): Promise<void> {
    // What people give here, as the session names it (the consultation: the chosen method's word).
    const spec = inputSpecOf(await storedSession(bot, sessionId), format, phase);
    const field = spec.noun.singular.charAt(0).toUpperCase() + spec.noun.singular.slice(1);
    let round = 0;
    let position = 0;
    let given = 0;
    for (let guard = 0; guard < 100; guard += 1) {
      const turn = turnOf(bot, phase);
      if (!turn) break;
      if (turn.round !== round) {
        round = turn.round;
        position = 0;
      }
      const order = (await bot.store.load(sessionId))?.current?.round?.order ?? [];
      expect(order[position]).toBe(turn.holder);
      const where = inThread(bot);

      if (withMishaps && round === 1 && position === 0) {
        // Someone clicks "I pass" out of turn: they are told whose turn it is, and nothing moves.
        const early = order[1] ?? '';
        await click(bot, early, 'I pass');
        expect(newestEphemeral(bot, early)).toBe(`It's <@${turn.holder}>'s turn.`);
        expect(turnOf(bot, phase)?.holder).toBe(turn.holder);
      }
      const stale = withMishaps && round === 1 && position === 0 ? bot.person(FACILITATOR).findButton(forRole('facilitator', 'Next phase'), where) : undefined;
      const doubleClick = withMishaps && round === 1 && position === 3;

      if (doubleClick) {
        const person = bot.person(turn.holder);
        const before = person.ephemerals().length;
        await Promise.all([person.click('I pass', where), person.click('I pass', where)]);
        await bot.settle();
        // One pass: the turn moved on by exactly one, and the repeat said nothing.
        expect(turnOf(bot, phase)?.holder).toBe(order[4]);
        expect(person.ephemerals()).toHaveLength(before);
      } else if (givesInput(phase, round, position)) {
        given += 1;
        const text = write(`${spec.noun.singular} ${given} from ${turn.holder}`);
        await writeInModal(bot, turn.holder, spec.label, { [field]: text });
        expect(textOf(boardOf(bot, phase))).toContain(text);
        if (phase.answerable) await answerAll(phase);
      } else {
        await click(bot, turn.holder, 'I pass');
      }

      if (stale) {
        // The facilitator's "Next phase" was drawn before that turn: the click comes too late.
        const el = stale.control.element;
        await bot.driver.blockAction({
          user: FACILITATOR,
          source: stale.item.source,
          action: { type: 'button', action_id: el.action_id, block_id: stale.control.block.block_id, text: el.text, value: el.value },
        });
        await bot.settle();
        expect(newestEphemeral(bot, FACILITATOR)).toBe('This step has moved on.');
        expect(textOf(promptOf(bot, phase))).not.toContain('Phase done');
      }
      position += 1;
    }
    const board = textOf(boardOf(bot, phase));
    expect(board).toMatch(/Passed: <@U/);
    const rounds = Math.min(phase.maxRounds ?? Infinity, inputRounds(phase) + 1);
    expect(board).toContain(`*Round ${rounds}*`);
    // The phase's summary counts its rounds as the board shows them.
    expect(textOf(promptOf(bot, phase))).toContain(`Phase done — ${rounds} ${rounds === 1 ? 'round' : 'rounds'}, ${given} ${given === 1 ? spec.noun.singular : spec.noun.plural}`);
  }

  /** The presenter answers every open question (where the phase allows it, passes on every second one); it shows with its question. */
  async function answerAll(phase: RoundsPhase): Promise<void> {
    for (const [n, label] of unansweredLabels(bot, PRESENTER).entries()) {
      if (phase.answerPass && n % 2 === 1) {
        await click(bot, PRESENTER, forRole('presenter', `Pass on ${label}`));
        expect(textOf(boardOf(bot, phase))).toMatch(new RegExp(`\\*${label}\\* · [^\\n]*\\n↳ _<@${PRESENTER}> passed on it\\._`));
        continue;
      }
      const answer = write(`answer to ${label}`);
      await writeInModal(bot, PRESENTER, forRole('presenter', `Answer ${label}`), { 'Your answer': answer });
      expect(textOf(boardOf(bot, phase))).toContain(`↳ *Answer:* ${answer}`);
    }
    expect(unansweredLabels(bot, PRESENTER)).toEqual([]);
  }

  async function pick(phase: ChoicePhase): Promise<void> {
    const confirm = forRole('presenter', 'Confirm picks');
    await click(bot, PEOPLE.carol, confirm);
    expect(newestEphemeral(bot, PEOPLE.carol)).toBe(`Only ${presenter.definite} (<@${PRESENTER}>) picks here; nobody can pick for them.`);
    const options = pickMenuOptions(bot, phase);
    const count = Math.min(3, phase.max);
    expect(options.length).toBeGreaterThanOrEqual(count);
    const chosen = options.slice(0, count);
    await bot.person(PRESENTER).selectOption(phase.pickLabel, chosen, inThread(bot));
    await bot.settle();
    if (phase.remarkLabel) {
      const field = phase.remarkLabel.charAt(0).toUpperCase() + phase.remarkLabel.slice(1);
      await writeInModal(bot, PRESENTER, forRole('presenter', phase.remarkLabel), { [field]: write('what I take away') });
    } else {
      await click(bot, PRESENTER, confirm);
    }
    // Everyone sees the picks in the thread: the presenter's, in their words.
    const shown = textOf(promptOf(bot, phase, PEOPLE.grace));
    expect(shown).toContain(`<@${PRESENTER}> picked:`);
    for (const option of chosen) {
      const [first] = option.split(' · ');
      expect(shown).toContain(phase.options ? `• *${first}* —` : `• *${first}* ·`);
    }
    if (phase.remarkLabel) expect(shown).toContain(`${MARK} what I take away`);
  }

  async function evaluate(phase: EvaluationPhase): Promise<void> {
    const session = await bot.store.load(sessionId);
    const members = session?.members ?? [];
    await click(bot, PEOPLE.erin, 'Evaluate');
    expect(newestEphemeral(bot, PEOPLE.erin)).toBe(`${label(presenter.definite)} (<@${PRESENTER}>) is asked first; you'll be asked right after.`);
    await writeInModal(bot, PRESENTER, 'Evaluate', { 'What specifically?': write('the tips were concrete') }, { [phase.question]: 'Yes' });
    for (const member of members) {
      await writeInModal(bot, member, 'Evaluate', { 'What specifically?': write(`taking part helped ${member}`) }, { [phase.memberQuestion]: 'Partly' });
    }
    expect(textOf(promptOf(bot, phase))).toContain(`Phase done — ${members.length + 1} evaluations.`);
  }

  async function close(): Promise<void> {
    const end = format.phases[format.phases.length - 1] as Phase;
    const endPrompt = textOf(promptOf(bot, end, PRESENTER));
    expect(endPrompt).toContain(`<@${PRESENTER}> gets a private copy of their case by direct message`);
    // The format's own end text, once; the card says its own end line.
    expect(endPrompt.split(end.instruction).length - 1).toBe(1);
    expect(endPrompt.match(/has ended/g)).toHaveLength(1);
    if (end.kind === 'end') expect(textOf(bot.card())).toContain(end.ended);
    await click(bot, PEOPLE.dave, forRole('facilitator', 'Close'));
    expect(newestEphemeral(bot, PEOPLE.dave)).toBe(`Only ${facilitator.definite} (<@${FACILITATOR}>) can close the session.`);
    const peak = bot.peakThreadMessages();
    await click(bot, FACILITATOR, forRole('facilitator', 'Close'));

    // The presenter's private copy: their case's inputs and picks, by DM.
    const copy = bot.person(PRESENTER).read('dm');
    expect(copy).toContain(MARK);

    // The thread holds nothing: only the card is left, and it is the content-free note.
    const thread = bot.emulator.thread(CHANNEL, cardTs);
    expect(thread).toHaveLength(1);
    const note = textOf(bot.card());
    expect(note).toMatch(new RegExp(`An intervision session \\(${format.name}, 7 people\\) took place here on .*; its content was deleted when it closed\\.`));
    expect(bot.card()?.blocks.some((b) => b.type === 'actions')).toBe(false);
    const inChannel = bot.emulator.channelMessages(CHANNEL).map((m) => JSON.stringify(m));
    expect(inChannel.filter((m) => m.includes(MARK))).toEqual([]);
    expect(bot.emulator.channelMessages(CHANNEL).filter((m) => m.user === DEMO.bot)).toHaveLength(1);

    // The store holds no key of the session, no timer, no channel index entry.
    const prefix = bot.redis.prefix;
    expect(await scanKeys(bot.redis.redis, `${globEscape(prefix)}*${globEscape(sessionId)}*`)).toEqual([]);
    const timers = await timerMembers(bot.redis.redis, prefix);
    expect(timers.filter((t) => t.startsWith(`${sessionId}|`))).toEqual([]);
    expect(await bot.redis.redis.zrange(`${prefix}channel:${CHANNEL}`, '0', '-1')).not.toContain(sessionId);

    // What people wrote never reached the log.
    expect(written.length).toBeGreaterThan(5);
    expect(bot.logLines.filter((line) => line.includes(MARK))).toEqual([]);

    // Few, rich messages: closing stays fast under chat.delete's 50 per minute.
    console.log(`${format.name}: the session thread held at most ${peak} bot messages`);
    expect(peak).toBeLessThanOrEqual(15);
  }
});
