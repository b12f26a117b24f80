import { notice } from '../../../src/slack/blocks/notices';
import { deactivatedMessage } from '../../../src/slack/blocks/facilitator-notices';
import { peopleModal, takenOffDm } from '../../../src/slack/blocks/circle';
import { deactivatedKey } from '../../../src/slack/outbound/notices';
import { ACTIONS, parseAction } from '../../../src/slack/ids';
import {
  FACILITATOR,
  HOSTILE_TEXT,
  MEMBERS,
  NOW,
  PRESENTER,
  aSession,
  agile,
  allText,
  atPhase,
  elements,
  expectNoRawHostile,
  expectValidMessage,
  collegial,
  progress,
} from './fixtures';

/** What people wrote in the session: none of it may reach these messages. */
const CASE = 'CASE-CONTENT-never-in-a-notice';

function running(overrides: Parameters<typeof aSession>[1] = {}) {
  const s = atPhase(aSession(progress, { title: HOSTILE_TEXT, ...overrides }), progress, 'tips');
  return { ...s, statements: { presentation: { text: CASE, at: NOW } } };
}

const member = { facilitator: false, presenter: false, member: true };

describe('the messages about an account deactivated mid-session', () => {
  test('a member: the facilitator hears that the rounds go on without them; no case content, the title escaped', () => {
    const message = deactivatedMessage(running(), 'U03', member);
    expect(message?.to).toBe(FACILITATOR);
    const text = allText(message);
    expect(text).toContain('<@U03> can no longer take part in');
    expect(text).toContain('<#C0TEAM>');
    expect(text).toContain('the rounds go on without them');
    expect(text).not.toContain(CASE);
    expectNoRawHostile(message);
    expectValidMessage({ text: message?.text ?? '', blocks: message?.blocks ?? [] });
  });

  test('a member before the start: only that they are no longer a member', () => {
    const text = allText(deactivatedMessage(aSession(progress), MEMBERS[0] ?? '', member));
    expect(text).toContain('so they are no longer a team member.');
    expect(text).not.toContain('rounds');
  });

  test('the presenter: the facilitator hears the session is paused and gets a Close button', () => {
    const paused = { ...running(), status: 'paused' as const };
    const message = deactivatedMessage(paused, PRESENTER, { facilitator: false, presenter: true, member: false });
    expect(message?.to).toBe(FACILITATOR);
    expect(allText(message)).toContain('I paused the session: it cannot go on without the case presenter.');
    expect(elements(message).map((e) => [e.action_id, parseAction(e.value)?.sessionId])).toEqual([[ACTIONS.close, 'sess01']]);
    expect(allText(message)).not.toContain(CASE);
    expectValidMessage({ text: message?.text ?? '', blocks: message?.blocks ?? [] });

    const ended = { ...running(), status: 'ended' as const };
    expect(allText(deactivatedMessage(ended, PRESENTER, { facilitator: false, presenter: true, member: false }))).toContain(
      'The session cannot go on without the case presenter.',
    );
  });

  test('the facilitator: the presenter hears it, with when an abandoned session closes by itself (its own idle limit)', () => {
    const message = deactivatedMessage({ ...running(), limits: { idleDays: 1, maxDays: 30 } }, FACILITATOR, { facilitator: true, presenter: false, member: true });
    expect(message?.to).toBe(PRESENTER);
    const text = allText(message);
    expect(text).toContain(`<@${FACILITATOR}>, the facilitator of`);
    expect(text).toContain('They no longer take turns in the rounds.');
    expect(text).toContain('after 1 day without activity');
    expect(text).toContain('Only you, the case presenter, receive this message.');
    expectValidMessage({ text: message?.text ?? '', blocks: message?.blocks ?? [] });
  });

  test('someone who held no role hears of nothing; the record key names only the person', () => {
    expect(deactivatedMessage(running(), 'U99', { facilitator: false, presenter: false, member: false })).toBeUndefined();
    expect(deactivatedKey('U03')).toBe('dm:deactivated:U03');
  });

  test("the thread's pause notice says why when the system paused it, and stays the facilitator's otherwise", () => {
    const s = running();
    expect(allText(notice('paused', { session: s, format: progress, user: PRESENTER, now: NOW }))).toContain(
      `The session is paused: <@${PRESENTER}>, the case presenter, can no longer take part (their Slack account was deactivated). The facilitator can close it.`,
    );
    expect(allText(notice('paused', { session: s, format: progress, now: NOW }))).toContain('The facilitator paused the session.');
  });

  test('in the words of the session\'s format: the moderator, the case giver, a consultant', () => {
    const s = atPhase(aSession(collegial), collegial, 'consultation');
    expect(allText(notice('paused', { session: s, format: collegial, now: NOW }))).toContain('The moderator paused the session.');
    expect(allText(notice('timebox-ended', { session: s, format: collegial, phaseId: 'consultation', now: NOW }))).toContain('The moderator moves on when the group is ready');
    const presenter = allText(deactivatedMessage(s, PRESENTER, { facilitator: false, presenter: true, member: false })!.blocks);
    expect(presenter).toContain(`<@${PRESENTER}>, the case giver of`);
    expect(presenter).toContain('Only you, the moderator, receive this message.');
    expect(presenter).toContain('Close (moderator)');
    const member = deactivatedMessage(aSession(collegial), MEMBERS[0] ?? '', { facilitator: false, presenter: false, member: true })!;
    expect(member.text).toBe('A consultant of your intervision session can no longer take part');
    expect(allText(member.blocks)).toContain('so they are no longer a consultant.');
    const off = allText(takenOffDm(aSession(collegial)));
    expect(off).toContain(`The moderator (<@${FACILITATOR}>) changed who takes part`);
    const people = peopleModal(aSession(agile), { sessionId: 'sess01', seq: 42 });
    expect(allText(people)).toContain(`*Facilitator:* <@${FACILITATOR}>   *Case giver:* <@${PRESENTER}>`);
    expect(JSON.stringify(people.blocks)).toContain('"text":"Observers"');
  });
});
