import { randomUUID } from 'node:crypto';
import { FACILITATOR, PRESENTER, Table, words } from './table';

const MEMBERS = ['UM1', 'UM2', 'UM3', 'UM4', 'UM5', 'UM6', 'UM7', 'UM8'];

/** Plays a full live progress-focused session with eight members and realistic ~300-character inputs. */
function playFullSession(): { t: Table; commands: number } {
  const t = new Table({ format: 'progress-focused', members: MEMBERS });
  let commands = 0;
  const id = () => ({ id: randomUUID() });
  const ok: Table['ok'] = (actor, body, options = {}) => {
    commands += 1;
    return t.ok(actor, body, { ...id(), ...options });
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
  return { t, commands };
}

describe('a full session stays small and fast', () => {
  it('eight members with realistic inputs fit in under 32 KB of JSON', () => {
    const { t } = playFullSession();
    expect(t.session.status).toBe('ended');
    expect(t.session.inputs.length).toBeGreaterThanOrEqual(40);
    const bytes = Buffer.byteLength(JSON.stringify(t.session), 'utf8');
    expect(bytes).toBeLessThan(32 * 1024);
  });

  it('decides a whole session of about 150 commands in well under a second', () => {
    playFullSession(); // warm up
    const started = performance.now();
    const { commands } = playFullSession();
    const elapsed = performance.now() - started;
    expect(commands).toBeGreaterThan(100);
    // Includes deep-freezing every state in the test table; decide alone is far faster.
    expect(elapsed).toBeLessThan(500);
  });
});
