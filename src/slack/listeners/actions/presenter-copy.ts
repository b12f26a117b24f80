import { TEXT } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** The presenter's private-copy toggle; the value's op is the state to switch to. */
export function presenterCopy(): ClickHandler {
  return async (click, { dispatch, reply }) => {
    const op = click.ref?.op;
    if (op !== 'on' && op !== 'off') {
      await reply(TEXT.notOurs);
      return;
    }
    const result = await dispatch({ kind: 'presenter-copy', on: op === 'on' });
    if (result?.ok && !result.duplicate) {
      await reply(op === 'on' ? "You'll get a private copy by direct message when the session closes." : 'No private copy will be kept: everything is deleted at close.');
    }
  };
}
