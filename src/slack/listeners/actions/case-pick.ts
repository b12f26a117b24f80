import type { ListenerDeps } from '../support/deps';
import type { ClickHandler } from '../support/guard';

/** The facilitator's "Pick a case" menu: the chosen case is taken, vote or not. */
export function casePick(_deps: ListenerDeps): ClickHandler {
  return async (click, { dispatch, say }) => {
    const proposalId = click.ref?.inputId;
    if (!proposalId) {
      await say('replies:notOurs');
      return;
    }
    await dispatch({ kind: 'pick-case', proposalId });
  };
}
