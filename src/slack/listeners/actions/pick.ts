import type { ClickHandler } from '../support/guard';

/** Choosing in the pick menu is only remembered by Slack until "Confirm picks" (pick-submit.ts); nothing to do here. */
export function pick(): ClickHandler {
  return async () => undefined;
}
