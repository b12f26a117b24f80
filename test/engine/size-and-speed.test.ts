import { randomUUID } from 'node:crypto';
import { FACILITATOR, PRESENTER, Table, words } from './table';

const MEMBERS = ['UM1', 'UM2', 'UM3', 'UM4', 'UM5', 'UM6', 'UM7', 'UM8'];

/** Plays a full live progress-focused session with eight members and realistic ~300-character inputs. */
function playFullSession(): { t: Table; commands: number; effects: number[] } {
  const t = new Table({ format: 'progress-focused', members: MEMBERS });
  let commands = 0;
  const effects: number[] = [];
  const id = () => ({ id: randomUUID() });
  const ok: Table['ok'] = (actor, body, options = {}) => {
    commands += 1;
    const accepted = t.ok(actor, body, { ...id(), ...options });
    effects.push(accepted.effects.length);
    return accepted;
  };
  const round = (give: (member: string, n: number) => boolean) => {
    for (const [n, member] of MEMBERS.entries()) {
      const phaseId = t.phaseId ?? '';
      const roundNo = t.roundNo;
      if (give(member, n)) ok(member, { kind: 'input', phaseId, round: roundNo, text: words(`${member} ${phaseId} ${roundNo}`) });
      else ok(member, { kind: 'pass', phaseId, round: roundNo });
    }
  };
  ok(FACILITATOR, { kind: 'start' });
  ok(PRESENTER, { kind: 'statement', phaseId: 'presentation', text: words('The case', 1500) });
  round(() => true);
  round((_, n) => n % 2 === 0);
  round(() => false);
  for (const input of t.session.inputs.filter((i) => i.phaseId === 'factual-questions')) {
    ok(PRESENTER, { kind: 'answer', inputId: input.id, text: words('An answer', 150) });
  }
  round(() => true);
  round((_, n) => n % 2 === 0);
  round(() => false);
  round(() => true);
  round(() => true);
  round((_, n) => n < 5);
  round(() => false);
  const tips = t.session.inputs.filter((i) => i.phaseId === 'tips').map((i) => i.id);
  ok(PRESENTER, { kind: 'pick', phaseId: 'usefulness', items: tips.slice(0, 3) });
  for (const who of [PRESENTER, ...MEMBERS]) ok(who, { kind: 'evaluate', phaseId: 'evaluation', useful: 'yes', what: words(`${who} liked`, 150) });
  return { t, commands, effects };
}

describe('a full session stays small and cheap', () => {
  it('eight members with realistic inputs fit in under 32 KB of JSON', () => {
    const { t } = playFullSession();
    expect(t.session.status).toBe('ended');
    expect(t.session.inputs.length).toBeGreaterThanOrEqual(40);
    const bytes = Buffer.byteLength(JSON.stringify(t.session), 'utf8');
    expect(bytes).toBeLessThan(32 * 1024);
  });

  it('decides each of about 150 commands with a handful of effects, so an action costs a few Slack calls', () => {
    const { t, commands, effects } = playFullSession();
    expect(t.session.status).toBe('ended');
    expect(commands).toBeGreaterThan(100);
    // Counted, not timed: what each decision asks of the outside world stays small whatever the session's size.
    expect(Math.max(...effects)).toBeLessThanOrEqual(6);
    expect(effects.reduce((a, b) => a + b, 0) / commands).toBeLessThan(3);
  });
});
