import { render } from '../../../src/slack/outbound/render';
import { NOW, aRound, aSession, atPhase, expectValidMessage, progress, prose, withInputs } from '../blocks/fixtures';

/**
 * A step is drawn as its prompt with the round board's first page in the
 * same message while both fit (a turn then updates one message), and as
 * separate messages once they do not, or once the step already has a
 * separate first page.
 */

/** The tips step in its last round, after `rounds` rounds of `inputs` inputs of `words` characters of prose each. */
function aRoundStep(inputs: number, words: number, rounds = 1) {
  let s = atPhase(aSession(progress, {}, 12), progress, 'tips');
  s = { ...s, current: { ...s.current!, round: aRound(s, rounds) } };
  for (let round = 1; round <= rounds; round += 1) s = withInputs(s, 'tips', round, s.members.slice(0, inputs), () => prose(words));
  return s;
}

describe('a step’s messages', () => {
  it('hold the prompt and the board’s first page in one message while both fit', () => {
    const session = aRoundStep(3, 40);
    const messages = render.step(session, progress, 'tips', NOW, false);
    expect(messages.map((m) => m.key)).toEqual(['phase:tips']);
    const [step] = messages;
    const blockIds = step!.payload.blocks.map((b) => (b as { block_id?: string }).block_id);
    expect(blockIds).toContain('phase-title');
    expect(blockIds).toContain('board-heading');
    expectValidMessage(step!.payload);
  });

  it('split into the prompt and the board’s pages once they no longer fit together, each message within Slack’s limits', () => {
    // Enough inputs that the board's first page is full on its own.
    const session = aRoundStep(12, 40, 4);
    expect(render.boards(session, progress, 'tips', NOW).length).toBeGreaterThan(1);
    const messages = render.step(session, progress, 'tips', NOW, false);
    expect(messages[0]?.key).toBe('phase:tips');
    expect(messages.map((m) => m.key)).toContain('board:tips:0');
    expect(messages[0]!.payload.blocks.some((b) => (b as { block_id?: string }).block_id === 'board-heading')).toBe(false);
    for (const { payload } of messages) expectValidMessage(payload);
  });

  it('keep a first page that already has its own message apart, so it is not left behind stale', () => {
    const session = aRoundStep(3, 40);
    expect(render.step(session, progress, 'tips', NOW, true).map((m) => m.key)).toEqual(['phase:tips', 'board:tips:0']);
  });

  it('number the later pages alike either way, so a step that splits keeps its records', () => {
    const session = aRoundStep(12, 40, 4);
    const together = render.step(session, progress, 'tips', NOW, false).map((m) => m.key);
    const apart = render.step(session, progress, 'tips', NOW, true).map((m) => m.key);
    expect(together.filter((k) => k.startsWith('board:') && !k.endsWith(':0'))).toEqual(apart.filter((k) => k.startsWith('board:') && !k.endsWith(':0')));
  });
});
