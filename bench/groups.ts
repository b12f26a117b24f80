/**
 * npm run bench:groups
 *
 * What one intervision group keeps in Redis, key by key, in bytes (MEMORY
 * USAGE with every element sampled): a group of eight (four facilitate in
 * turn, one away for a meeting) that has met twelve times (as many as it
 * remembers), with three cases proposed for its next meeting, the messages
 * of its next meeting recorded (its card, seven asks, the reminder), and its
 * three timers; as plain JSON and encrypted with a content key. The figures
 * are in docs/privacy.md.
 */
import { randomBytes } from 'node:crypto';
import { newGroup, type Group } from '../src/engine/groups';
import { groupTimers } from '../src/engine/groups/queries';
import { RedisTimerStore, sessionTimersKey, timerKeys } from '../src/scheduler/redis-timer-store';
import { timerKey } from '../src/scheduler/timer-store';
import { groupTimerOwner } from '../src/service/groups/group-service';
import { groupCodecFor } from '../src/store/group-store';
import { groupIndexKey, groupKeys } from '../src/store/redis/keys';
import { RedisGroupStore } from '../src/store/redis/redis-group-store';
import { deleteUnder, memoryUsage, openConnection, uniquePrefix } from './support/redis';
import { num, printTable, type Row } from './support/report';

const NOW = Date.UTC(2024, 2, 1, 12);
const PEOPLE = ['U07ALICE01', 'U07BOB0002', 'U07CAROL03', 'U07DAVE004', 'U07ERIN005', 'U07FRANK06', 'U07GRACE07', 'U07HEIDI08'];
const [OWNER = '', ...OTHERS] = PEOPLE;

/** The group as it stands before its thirteenth meeting. */
function aGroup(): Group {
  const { group } = newGroup(
    {
      id: randomBytes(8).toString('base64url'),
      channel: 'C07PEERGRP',
      name: 'Team leads’ peer group',
      createdBy: OWNER,
      members: OTHERS,
      facilitators: PEOPLE.slice(0, 4),
      zone: 'Europe/Berlin',
      rule: { kind: 'weekly', every: 2, weekday: 2, time: '18:00', start: '2024-03-01' },
      settings: { formatId: 'progress-focused', meeting: 'live', facilitatorIsMember: true, askDays: 3, remindMinutes: 30 },
    },
    NOW,
  );
  const titles = ['Team that stopped talking', 'Budget fight with finance', 'A new role, an old team'];
  return {
    ...group,
    seq: 140,
    team: 'T07WORKSPC',
    away: { [OTHERS[2] ?? '']: ['2024-03-12'] },
    proposals: titles.map((title, i) => ({ id: `g${i + 30}`, author: OTHERS[i + 3] ?? '', title, at: NOW })),
    nextProposalNo: 33,
    // The last commands' ids, as Slack's clicks and forms make them (ids only).
    recent: Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? `view:V07${String(i).padStart(8, '0')}` : `${PEOPLE[i % 8] ?? ''}:iv_group-join:grp|AbCdEfGhIjK:1709${String(i).padStart(6, '0')}.123456`)),
    meetings: Array.from({ length: 12 }, (_, i) => ({ slot: `2023-${String(i + 1).padStart(2, '0')}-14`, at: NOW - (12 - i) * 14 * 86_400_000, formatId: 'progress-focused', meeting: 'live' as const, people: 7 })),
  };
}

async function measure(encrypted: boolean): Promise<Row[]> {
  const redis = await openConnection();
  const prefix = uniquePrefix('groups');
  try {
    const store = new RedisGroupStore(redis, { prefix, codec: groupCodecFor(encrypted ? { key: randomBytes(32) } : {}) });
    const timers = new RedisTimerStore(redis, { prefix });
    const group = aGroup();
    await store.create(group);
    await store.recordMessage(group.id, 'card', { channel: group.channel, ts: '1709290800.000100', shown: 'Zm9vYmFyYmF6cXV4cXV1eHh4eA==' });
    for (const user of OTHERS) await store.recordMessage(group.id, `ask:2024-03-12:${user}`, { channel: `D0${user.slice(3)}`, ts: '1709550000.000200', shown: 'Zm9vYmFyYmF6cXV4cXV1eHh4eA==' });
    await store.recordMessage(group.id, 'remind:2024-03-12', { channel: group.channel, ts: '1710259200.000300', shown: 'Zm9vYmFyYmF6cXV4cXV1eHh4eA==' });
    const owner = groupTimerOwner(group.id);
    for (const timer of groupTimers(group, NOW)) await timers.schedule({ sessionId: owner, key: timerKey(timer), timer });
    const keys = groupKeys(prefix, group.id);
    const shared = timerKeys(prefix);
    const named: Array<[string, string]> = [
      [`{group:<id>}:state`, keys.state],
      [`{group:<id>}:messages`, keys.messages],
      [`{group:<id>}:timers`, sessionTimersKey(prefix, owner)],
      [`groups:<team> (its entry among others)`, groupIndexKey(prefix, group.team)],
      [`{timers} (its 3 entries)`, shared.due],
      [`{timers}:data (its 3 entries)`, shared.data],
    ];
    const rows: Row[] = [];
    let total = 0;
    for (const [label, key] of named) {
      const bytes = await memoryUsage(redis, key);
      total += bytes;
      rows.push({ label: `${label}${encrypted ? ', encrypted' : ''}`, value: `${num(bytes)} B` });
    }
    rows.push({ label: `all of it${encrypted ? ', encrypted' : ''}`, value: `${num(total)} B` });
    const data = (await redis.hget(keys.state, 'data')) ?? '';
    rows.push({ label: `  of which the group record (data)${encrypted ? ', encrypted' : ''}`, value: `${num(data.length)} B` });
    return rows;
  } finally {
    await deleteUnder(redis, prefix);
    redis.disconnect();
  }
}

async function main(): Promise<void> {
  const rows = [...(await measure(false)), ...(await measure(true))];
  printTable('What one group keeps in Redis (MEMORY USAGE, SAMPLES 0)', rows);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
