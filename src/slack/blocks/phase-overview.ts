import type { Format } from '../../engine/formats/schema';
import { phaseIndexIn } from '../../engine/queries';
import type { Session } from '../../engine/session';
import { escapeText } from '../escape';

/**
 * The format's phases at a glance, with where the session stands: the phases
 * done ticked, the current one marked, the rest as they come. One line, for
 * the session card.
 */

const OVERVIEW_WORDS = {
  done: (title: string) => `✓ ${title}`,
  current: (title: string) => `*▶ ${title}*`,
  later: (title: string) => title,
  separator: ' → ',
} as const;

/** "✓ Presentation → *▶ Factual questions* → Appreciation → …"; empty before the start. */
export function phaseOverview(session: Session, format: Format): string {
  // The session's phase by id: a format may have gained a phase since the session was stored.
  const at = phaseIndexIn(session, format);
  if (at < 0) return '';
  return format.phases
    .map((phase, index) => {
      const title = escapeText(phase.title);
      if (index < at) return OVERVIEW_WORDS.done(title);
      return index === at ? OVERVIEW_WORDS.current(title) : OVERVIEW_WORDS.later(title);
    })
    .join(OVERVIEW_WORDS.separator);
}
