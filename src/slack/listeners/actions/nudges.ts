import type { ClickHandler } from '../support/guard';

/** How a person hears that their live turn has begun: by direct message (`dm`), or a note in the thread. */
export function nudges(via: 'dm' | 'thread'): () => ClickHandler {
  return () => async (_click, tools) => {
    const result = await tools.dispatch({ kind: 'nudges', via });
    if (result?.ok && !result.duplicate) await tools.say(via === 'dm' ? 'replies:nudges.dm' : 'replies:nudges.thread');
  };
}
