import type { ClickHandler } from '../support/guard';

/** What a person reads once they chose how to hear of their turn. */
const CHOSEN = {
  dm: "From now on I'll tell you by direct message when it's your turn.",
  thread: "From now on I'll tell you in the session thread (only you see it) when it's your turn.",
} as const;

/** How a person hears that their live turn has begun: by direct message (`dm`), or a note in the thread. */
export function nudges(via: 'dm' | 'thread'): () => ClickHandler {
  return () => async (_click, tools) => {
    const result = await tools.dispatch({ kind: 'nudges', via });
    if (result?.ok && !result.duplicate) await tools.reply(CHOSEN[via]);
  };
}
