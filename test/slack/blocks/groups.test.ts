/**
 * The group's renderers at their largest and with hostile names and titles:
 * the card, the view, the forms, the asks and the reminder, the case
 * selection; each within Slack's limits, nothing unescaped, and titles only
 * where the view was given them.
 */
import { newGroup, type Group } from '../../../src/engine/groups';
import { newSession } from '../../../src/engine/new-session';
import type { Session } from '../../../src/engine/session';
import { renderGroupCard } from '../../../src/slack/blocks/group-card';
import { caseProposeModal, groupProgressView, manageModal, proposeModal } from '../../../src/slack/blocks/group-forms';
import { askDm, caseNotChosenDm, reminderMessage } from '../../../src/slack/blocks/group-messages';
import { groupModal } from '../../../src/slack/blocks/group-modal';
import { groupViewMessage } from '../../../src/slack/blocks/group-view';
import { ruleWords } from '../../../src/slack/blocks/group-words';
import { renderSelection } from '../../../src/slack/blocks/selection';
import { HOSTILE_TEXT, allText, expectNoRawHostile, expectValidMessage, expectValidView, progress, registry, worstText } from './fixtures';

const NOW = Date.UTC(2024, 2, 1, 12);
const PEOPLE = Array.from({ length: 30 }, (_, i) => `U0M${String(i).padStart(3, '0')}`);
const [OWNER = '', SECOND = ''] = PEOPLE;

/** The largest group: 30 members who all facilitate, a name and 29 case titles as long as allowed and as hostile as can be. */
function bigGroup(): Group {
  const { group } = newGroup(
    {
      id: 'g1',
      channel: 'C0GRP',
      name: HOSTILE_TEXT.slice(0, 80),
      createdBy: OWNER,
      members: PEOPLE.slice(1),
      facilitators: PEOPLE,
      zone: 'Europe/Berlin',
      rule: { kind: 'monthly', nth: 5, weekday: 2, time: '19:00' },
      settings: { formatId: 'progress-focused', meeting: 'async', facilitatorIsMember: true, askDays: 3, remindMinutes: 30 },
    },
    NOW,
  );
  const proposals = PEOPLE.slice(1).map((author, i) => ({ id: `g${i + 1}`, author, title: i % 2 === 0 ? worstText(80) : HOSTILE_TEXT.slice(0, 80), at: NOW }));
  return { ...group, proposals, away: { [SECOND]: ['2024-04-30'] }, meetings: Array.from({ length: 12 }, (_, i) => ({ slot: `2023-0${(i % 9) + 1}-26`, at: NOW - (12 - i) * 86_400_000, formatId: 'progress-focused', meeting: 'live' as const, people: 7 })) };
}

function meetingOf(group: Group): Session {
  const { session } = newSession(
    {
      id: 's1',
      formatId: 'progress-focused',
      channel: 'C0GRP',
      title: group.name,
      createdBy: OWNER,
      facilitator: OWNER,
      members: PEOPLE.slice(1),
      settings: { mode: 'live', facilitatorIsMember: false, timeboxMinutes: {}, roundWindowHours: 24, workingDaysOnly: false, timeZone: 'Europe/Berlin', reminderLeadHours: 2, presenterCopy: true },
      proposals: group.proposals,
      group: { id: group.id, slot: '2024-04-30' },
    },
    NOW,
  );
  return { ...session, status: 'selecting', agreed: PEOPLE };
}

describe('a group in Slack', () => {
  it('its card stays within the limits, escaped, and names no case', () => {
    const card = renderGroupCard(bigGroup(), progress.name, NOW);
    expectValidMessage(card);
    expectNoRawHostile(card);
    expect(allText(card)).not.toContain('&lt;&amp;&gt;&lt;');
    expect(allText(card)).toContain('on the fifth Tuesday of the month (in months that have one) at 19:00 (Europe/Berlin time)');
  });

  it('the view shows the titles only when it was given them (the facilitator), a member their own and the count', () => {
    const group = bigGroup();
    const all = groupViewMessage({ group, proposals: { can: 'all', proposals: group.proposals }, now: NOW, viewer: OWNER, formatName: progress.name, formatNames: () => progress.name });
    expectValidMessage(all);
    expectNoRawHostile(all);
    expect(allText(all)).toContain('only you, its facilitator, see them');
    const own = groupViewMessage({ group, proposals: { can: 'own', count: 29 }, now: NOW, viewer: SECOND, formatName: progress.name, formatNames: () => progress.name });
    expect(allText(own)).toContain('29 cases proposed so far');
    expect(allText(own)).not.toContain('&lt;&amp;&gt;');
    const outsider = groupViewMessage({ group, proposals: { can: 'none' }, now: NOW, viewer: 'U0OUT', formatName: progress.name, formatNames: () => progress.name });
    expect(allText(outsider)).toContain('Join the group');
    expect(allText(outsider)).toContain('What this group keeps.');
  });

  it('its forms are valid views, the creation form filled in as far as it goes', () => {
    const group = bigGroup();
    expectValidView(groupModal(registry.list(), { channel: 'C0GRP', creator: OWNER, zone: 'America/New_York', today: '2024-03-01', members: PEOPLE, facilitators: PEOPLE, problems: { x: HOSTILE_TEXT } }));
    expectValidView(proposeModal(group, NOW, 'x'.repeat(80)));
    expectValidView(caseProposeModal('s1', undefined));
    expectValidView(groupProgressView('✅ done'));
    for (const op of ['away', 'skip', 'postpone', 'swap'] as const) expectValidView(manageModal(group, op, NOW, OWNER));
  });

  it('the ask, the reminder and the DM about a case not chosen are valid, and the ask holds no title', () => {
    const group = bigGroup();
    const ask = askDm(group, NOW);
    expectValidMessage(ask);
    expectNoRawHostile(ask);
    expect(allText(ask)).not.toContain('&lt;&amp;&gt;');
    expectValidMessage(reminderMessage(group, NOW, OWNER, 29));
    const session = meetingOf(group);
    const proposal = session.selection?.proposals[0];
    if (!proposal) throw new Error('no case');
    const dm = caseNotChosenDm(session, proposal);
    expectValidMessage(dm);
    expectNoRawHostile(dm);
  });

  it('the selection lists every case with a Vote button within a message’s limits, and says which case was taken', () => {
    const session = meetingOf(bigGroup());
    const choosing = renderSelection(session, progress);
    expectValidMessage(choosing);
    expectNoRawHostile(choosing);
    expect(choosing.blocks.filter((b) => b.type === 'section' && 'accessory' in b)).toHaveLength(29);
    const chosen = renderSelection({ ...session, status: 'running', presenter: SECOND, selection: { ...session.selection!, chosen: { proposalId: 'g1', author: SECOND, by: 'vote', at: NOW } } }, progress);
    expectValidMessage(chosen);
    expect(allText(chosen)).toContain(`the case of <@${SECOND}> (chosen by vote)`);
  });

  it('says each cadence in words', () => {
    expect(ruleWords({ kind: 'weekly', every: 2, weekday: 2, time: '18:00', start: '2024-01-01' })).toBe('every 2 weeks on Tuesday at 18:00');
    expect(ruleWords({ kind: 'monthly', nth: 1, weekday: 1, time: '09:30' })).toBe('on the first Monday of the month at 09:30');
  });
});
