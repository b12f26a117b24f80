/**
 * One whole session, played briskly through Slack by its people, for tests
 * that need a real session to have happened (the metrics, a session on Redis
 * Cluster) rather than to check each step: a Progress-focused session held
 * live on a call, from /intervision new to close, with notes written in the
 * forms (each carrying `mark`), a presenter's answer, picks, evaluations, a
 * phase's timebox running out on the clock, and the close that deletes it.
 * Each step checks only that it happened.
 */
import { formats } from '../../src/engine';
import type { ChoicePhase, RoundsPhase } from '../../src/engine/formats/schema';
import { PEOPLE, type TestBot } from '../support/bot';
import { DEMO } from '../support/slack';
import { boardOf, click, createSession, inThread, phaseOfKind, promptOf, textOf, writeInModal } from './play';

const format = formats.require('progress-focused');
const [questions, , tips] = format.phases.filter((p): p is RoundsPhase => p.kind === 'rounds') as [RoundsPhase, RoundsPhase, RoundsPhase];
const usefulness = phaseOfKind(format, 'choice') as ChoicePhase;
const { alice: FACILITATOR, bob: PRESENTER, carol, dave, erin } = PEOPLE;

/** What the session left for the checks: its id, and the texts people wrote in it. */
export interface PlayedSession {
  sessionId: string;
  written: string[];
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`the whole session did not go as planned: ${what}`);
}

/** Creation to the end of the factual questions, with a note and an answer; a timebox runs out on the way. */
async function firstHalf(bot: TestBot, note: (text: string) => string): Promise<string> {
  const sessionId = await createSession(bot, { facilitator: FACILITATOR, presenter: PRESENTER, members: [carol, dave, erin], facilitatorIsMember: false, onCall: true, title: 'Peer group' });
  await click(bot, FACILITATOR, 'Start (facilitator)');
  await click(bot, PRESENTER, 'Done (case presenter)');
  // The questions' timebox runs out: its timer fires (a minute late), and the bot says so.
  bot.clock.advance(11 * 60_000);
  await bot.services.scheduler.tick();
  await bot.settle();
  await click(bot, carol, 'Done');
  await writeInModal(bot, dave, 'Done, with a note', { 'Your note (optional)': note('who decided?') });
  await click(bot, erin, 'I pass');
  await click(bot, PRESENTER, 'Answered Q1 (case presenter)');
  await click(bot, PRESENTER, 'Answered Q2 (case presenter)');
  for (const user of [carol, dave, erin]) await click(bot, user, 'I pass');
  check(textOf(promptOf(bot, questions)).includes('Phase done'), 'the questions did not end');
  return sessionId;
}

/** Appreciation, tips with a note, the picks, the evaluations and the close. */
async function secondHalf(bot: TestBot, note: (text: string) => string): Promise<void> {
  await click(bot, carol, 'Done');
  await click(bot, FACILITATOR, 'Next phase (facilitator)');
  const tip = note('silent writing first');
  await writeInModal(bot, carol, 'Done, with a note', { 'Your note (optional)': tip });
  for (const user of [dave, erin, carol, dave, erin]) await click(bot, user, 'I pass');
  check(textOf(boardOf(bot, tips)).includes(tip), 'the tip is not on the board');
  await bot.person(PRESENTER).selectOption(usefulness.pickLabel, [`T1 · ${tip}`], inThread(bot));
  await writeInModal(bot, PRESENTER, 'Write your picks (case presenter)', { 'The ones that helped most, in your words': note('the rotation idea') });
  const answers = [[PRESENTER, 'Was this process useful to you? What specifically?'], ...[carol, dave, erin].map((user) => [user, 'Was it useful to take part? What specifically?'])];
  for (const [user, question] of answers) await writeInModal(bot, user as string, 'Evaluate', {}, { [question as string]: 'Yes' });
  await click(bot, FACILITATOR, 'Close (facilitator)');
  check(bot.emulator.channelMessages(DEMO.channel).filter((m) => m.user === DEMO.bot).length === 1, 'something besides the close note remains');
}

/** Plays the whole session; every text written carries `mark`. `midway` runs between the questions and the tips, while the session is open. */
export async function playWholeSession(bot: TestBot, mark: string, midway: () => Promise<void> = async () => undefined): Promise<PlayedSession> {
  const written: string[] = [];
  const note = (text: string): string => {
    const marked = `${mark} ${text}`;
    written.push(marked);
    return marked;
  };
  const sessionId = await firstHalf(bot, note);
  await midway();
  await secondHalf(bot, note);
  return { sessionId, written };
}
