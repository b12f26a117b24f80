/** A timer the scheduler keeps: deadlines, reminders, and the session's idle and max-age checks. `key` is unique per session. */
export interface Timer {
  kind: 'round-deadline' | 'round-reminder' | 'phase-deadline' | 'timebox-warning' | 'idle';
  phaseId?: string;
  round?: number;
  /** Reminder stage ("half", "lead"), warning stage ("ending", "ended"), or the idle timer's check ("idle", "max-age"). */
  stage?: string;
  at: number;
}
