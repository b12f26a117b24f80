import type { ClickHandler } from '../support/guard';

/** The presenter's private-copy toggle; the value's op is the state to switch to. */
export function presenterCopy(): ClickHandler {
  return async (click, { dispatch, say }) => {
    const op = click.ref?.op;
    if (op !== 'on' && op !== 'off') {
      await say('replies:notOurs');
      return;
    }
    const result = await dispatch({ kind: 'presenter-copy', on: op === 'on' });
    if (result?.ok && !result.duplicate) await say(op === 'on' ? 'replies:copy.on' : 'replies:copy.off');
  };
}
