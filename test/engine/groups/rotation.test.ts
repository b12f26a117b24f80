/**
 * The rotating facilitator: round-robin over the members who facilitate,
 * skipping whoever is away that date (who keeps their place), a swap for one
 * meeting (whose due facilitator keeps their place too).
 */
import { afterMeeting, facilitatorOf, rota, type RotationState } from '../../../src/engine/groups/rotation';

const SLOTS = ['2024-03-05', '2024-03-12', '2024-03-19', '2024-03-26', '2024-04-02', '2024-04-09'];

function state(extra: Partial<RotationState> = {}): RotationState {
  return { rotation: ['A', 'B', 'C'], away: {}, swaps: {}, ...extra };
}

describe('rotation', () => {
  it('goes round the members who facilitate, in turn', () => {
    expect(rota(state(), SLOTS).map((e) => e.facilitator)).toEqual(['A', 'B', 'C', 'A', 'B', 'C']);
  });

  it('passes over someone away for a date; they facilitate the meeting after', () => {
    const planned = rota(state({ away: { A: ['2024-03-05'] } }), SLOTS).map((e) => e.facilitator);
    expect(planned).toEqual(['B', 'A', 'C', 'B', 'A', 'C']);
  });

  it('gives one meeting to someone else with a swap; whoever was due facilitates the next one', () => {
    const planned = rota(state({ swaps: { '2024-03-05': 'C' } }), SLOTS).map((e) => e.facilitator);
    expect(planned).toEqual(['C', 'A', 'B', 'C', 'A', 'B']);
  });

  it('still names the first in line when everyone is away', () => {
    expect(facilitatorOf(state({ away: { A: ['x'], B: ['x'], C: ['x'] } }), 'x')).toBe('A');
  });

  it('ignores a swap to someone who no longer facilitates', () => {
    expect(facilitatorOf(state({ swaps: { x: 'Z' } }), 'x')).toBe('A');
  });

  it('sends whoever facilitated to the end of the queue, the others in their order', () => {
    expect(afterMeeting(['A', 'B', 'C'], 'B')).toEqual(['A', 'C', 'B']);
    expect(afterMeeting(['A', 'B'], 'Z')).toEqual(['A', 'B']);
  });
});
