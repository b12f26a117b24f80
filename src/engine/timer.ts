/**
 * A timer the scheduler keeps: a session's deadlines, reminders and idle and
 * max-age checks, or (kind 'group') a group's: asking its members for cases,
 * reminding it, and creating a meeting. `key` is unique per owner.
 */
export interface Timer {
  kind: 'round-deadline' | 'round-reminder' | 'phase-deadline' | 'timebox-warning' | 'idle' | 'group';
  phaseId?: string;
  round?: number;
  /** Reminder stage ("half", "lead"), warning stage ("ending", "ended"), the idle timer's check ("idle", "max-age"), or a group's step ("ask", "remind", "meet"). */
  stage?: string;
  /** A group timer's meeting (its slot date). */
  slot?: string;
  at: number;
}
