import type { Session } from '../../../src/engine/session';
import { HOME_SESSIONS_SHOWN, homeView, waitsFor } from '../../../src/slack/blocks';
import { ACTIONS } from '../../../src/slack/ids';
import {
  FACILITATOR,
  MEMBERS,
  NOW,
  PRESENTER,
  aRound,
  aSession,
  actionIds,
  agile,
  allText,
  atPhase,
  expectNoRawHostile,
  expectValidView,
  inAsyncMode,
  progress,
  registry,
  worstText,
} from './fixtures';

const formats = registry.list();

/** The progress-focused session in its factual questions, a live round open with the turn at `turn`. */
function inQuestions(turn = 0, overrides: Partial<Session> = {}): Session {
  const s = atPhase(aSession(progress, overrides), progress, 'factual-questions');
  const round = aRound(s, 1, Object.fromEntries(s.members.slice(0, turn).map((m) => [m, 'pass' as const])));
  return { ...s, current: { ...s.current!, round } };
}

describe('the App Home', () => {
  test('lists the viewer’s session with its format, their role, the phase, whose turn it is and a link to its thread', () => {
    const session = inQuestions(1);
    const home = homeView({ viewer: MEMBERS[1]!, sessions: [{ session, format: progress, link: 'https://demo.slack.com/archives/C0TEAM/p1' }], formats, now: NOW });
    const text = allText(home);
    expect(text).toContain('*Tuesday intervision* · Progress-focused intervision · live');
    expect(text).toContain(`You: ${progress.roles.member.singular} · Phase`);
    expect(text).toContain('Factual questions');
    expect(text).toContain('👉 *Your turn.*');
    expect(text).toContain(`Waiting for <@${MEMBERS[1]}>'s turn.`);
    expect(text).toContain('<https://demo.slack.com/archives/C0TEAM/p1|Open the session>');
    // Nothing anyone wrote: the session's inputs and statements are never read.
    expectValidView(home);
  });

  test('names the role in the format’s own words, the facilitator’s turn not being the member’s', () => {
    const session = atPhase(aSession(agile), agile, agile.phases[1]!.id);
    const facilitatorHome = allText(homeView({ viewer: FACILITATOR, sessions: [{ session, format: agile }], formats, now: NOW }));
    expect(facilitatorHome).toContain(`You: ${agile.roles.facilitator.singular}`);
    expect(facilitatorHome).toContain('In <#C0TEAM>');
    const presenterHome = allText(homeView({ viewer: PRESENTER, sessions: [{ session, format: agile }], formats, now: NOW }));
    expect(presenterHome).toContain(`You: ${agile.roles.presenter.singular}`);
  });

  test('an invited person who has not agreed is told how to join; an asynchronous round shows its deadline', () => {
    const open = aSession(progress, { agreed: [FACILITATOR] });
    const invited = allText(homeView({ viewer: MEMBERS[0]!, sessions: [{ session: open, format: progress }], formats, now: NOW }));
    expect(invited).toContain('(invited: confirm the agreement to join)');
    expect(invited).toContain('Open the invitation I sent you');
    const running = inAsyncMode(inQuestions(0));
    const deadline = NOW + 3_600_000;
    const async = { ...running, current: { ...running.current!, round: { ...running.current!.round!, deadline } } };
    const text = allText(homeView({ viewer: MEMBERS[0]!, sessions: [{ session: async, format: progress }], formats, now: NOW }));
    expect(text).toContain(`<!date^${Math.floor(deadline / 1000)}^`);
    expect(waitsFor({ session: async, format: progress }, MEMBERS[0]!)).toBe(true);
    expect(waitsFor({ session: async, format: progress }, FACILITATOR)).toBe(false);
  });

  test('has the Start a session button, the guide to the formats and what the bot keeps and deletes', () => {
    const home = homeView({ viewer: MEMBERS[0]!, sessions: [], formats, now: NOW });
    expect(actionIds(home)).toEqual([ACTIONS.homeStart]);
    const text = allText(home);
    expect(text).toContain('You are not in any session right now.');
    for (const format of formats) expect(text).toContain(`• *${format.name}*: ${format.summary}`);
    expect(text).toContain('*What I keep, and what I delete*');
    expect(text).toContain('Type `/intervision` there and choose a format');
    expect(text).toContain('Start an intervision');
    expectValidView(home);
  });

  test('with 200 sessions of hostile titles it stays within Slack’s limits and says how many more there are', () => {
    const sessions = Array.from({ length: 200 }, (_, i) => ({ session: inQuestions(i % 5, { id: `s${i}`, title: worstText(80) }), format: progress, link: `https://demo.slack.com/archives/C0TEAM/p${i}` }));
    const home = homeView({ viewer: MEMBERS[0]!, sessions, unread: 15, formats, now: NOW });
    const text = allText(home);
    expect(text.match(/Open the session/g)).toHaveLength(HOME_SESSIONS_SHOWN);
    expect(text).toContain(`…and ${200 - HOME_SESSIONS_SHOWN + 15} more sessions not shown here.`);
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(JSON.stringify(home))).toBeLessThan(250_000);
    expectNoRawHostile(home);
    expectValidView(home);
  });
});
