/**
 * One bench:http session from /intervision new to close, played by its
 * people through signed requests: the facilitator fills the creation form
 * (ready to send, so a pass can send every form at once), everyone named
 * reads the invitation and agrees, the facilitator starts, and then the moves
 * the screen calls for (http-moves.ts), one at a time as a live group takes turns.
 */
import { CREATOR_AGREEMENT } from '../../src/slack/blocks/new-session-modal';
import type { ModalHandle } from '../../dev/emulator';
import { cardButton, cardIsLive, forRole } from './http-screen';
import { nextMove, type PlayState } from './http-moves';
import type { SessionView } from './http-view';

/** Moves in a row that may fail before a session is given up. */
const MAX_FAILED_MOVES = 5;

/** The facilitator runs /intervision new in the session's channel and fills the form; resolves with the open form (unsent). */
export async function fillCreationForm(view: SessionView): Promise<ModalHandle | undefined> {
  const { emulator } = view.ctx;
  const { facilitator, presenter, members, channel } = view.roster;
  view.record.moves += 1;
  await emulator.person(facilitator).command('/intervision', 'new', channel);
  if (!(await view.until(() => emulator.openViews(facilitator).length > 0, [facilitator]))) return undefined;
  const modal = emulator.person(facilitator).modal();
  await modal.pickUsers('Presenter (brings the case)', [presenter]);
  await modal.pickUsers('Members', members);
  await modal.fill('Title', 'Peer group');
  await modal.select('Who can read the session', "This channel's thread");
  await modal.check('Confidentiality', [CREATOR_AGREEMENT]);
  return modal;
}

/** Sends the form; true once the session card is in the channel. */
export async function sendCreationForm(view: SessionView, modal: ModalHandle): Promise<boolean> {
  view.record.moves += 1;
  const { errors, response } = await modal.submit();
  // An ack Slack would not take (slower than 3 s, or an error status) leaves the form open with an error: the person closes it.
  await view.closeModals(view.roster.facilitator);
  return errors === undefined && response.status === 200 && view.until(() => cardIsLive(view.card()));
}

/** Everyone named reads the invitation in their DMs and agrees, one after another; true once the card says all are ready. */
export async function gather(view: SessionView): Promise<boolean> {
  const { presenter, members, facilitator } = view.roster;
  const everyone = [presenter, ...members];
  for (const user of everyone) {
    await view.think();
    await view.until(() => view.ctx.emulator.person(user).dms().length > 0, [user]);
    await view.modalMove(user, 'Read and join', (m) => m.check('Your confirmation', ['I agree']), 'dm');
  }
  const ready = `${everyone.length + 1} of ${everyone.length + 1} ready`;
  return view.until(() => cardButton(view.card(), forRole(view.ctx.format, 'facilitator', 'Start'))?.endsWith(ready) === true, [facilitator]);
}

/** The facilitator starts; true once the first prompt shows. */
export async function start(view: SessionView): Promise<boolean> {
  await view.think();
  const ackAt = await view.click(view.roster.facilitator, forRole(view.ctx.format, 'facilitator', 'Start'), { channel: view.roster.channel, ts: view.card()?.ts ?? '' });
  return ackAt !== undefined && view.effect(ackAt, () => view.prompt() !== undefined);
}

/** Plays moves until the session is closed, `maxMoves` were made, the deadline passed, or moves keep failing. */
export async function play(view: SessionView): Promise<void> {
  const state: PlayState = { round: '', position: 0, evaluated: new Set() };
  const { ctx } = view;
  let failed = 0;
  let made = 0;
  while (made < ctx.maxMoves && failed < MAX_FAILED_MOVES && cardIsLive(view.card())) {
    const move = nextMove(view, state);
    if (!move) {
      // Nothing to do yet: the bot has not drawn the next step. Wait for the thread to change.
      const key = view.promptKey();
      if (!(await view.until(() => view.promptKey() !== key))) failed += 1;
      continue;
    }
    await view.think();
    if (Date.now() > ctx.deadline) return;
    failed = (await move.run()) ? 0 : failed + 1;
    made += 1;
  }
}
