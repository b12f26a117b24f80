import type { App, GlobalShortcut } from '@slack/bolt';
import { z } from 'zod';
import { SHORTCUT } from '../../ids';
import { type ListenerDeps, logFailure } from '../support/deps';
import { openPickerForm } from './start-intervision';

/**
 * Shortcuts (`app.shortcut`): the global shortcut "Start an intervision"
 * (manifest.yml, callback id SHORTCUT) opens the new-session form with a
 * channel picker. Acked first; the trigger_id is good for 3 s, so the form
 * opens before anything slow.
 */

const shortcutBody = z.object({ type: z.literal('shortcut'), trigger_id: z.string().min(1), user: z.object({ id: z.string().regex(/^[UW][A-Z0-9]{2,30}$/) }) });

/** Registers the shortcut listeners; with no session services, none. */
export function registerShortcuts(app: App, deps?: ListenerDeps): void {
  if (!deps) return;
  app.shortcut<GlobalShortcut>(SHORTCUT, async ({ ack, body, client }) => {
    await ack();
    const parsed = shortcutBody.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn({ listener: 'shortcut', callbackId: SHORTCUT }, 'a shortcut we could not read');
      return;
    }
    try {
      await openPickerForm(deps, client, parsed.data.trigger_id, parsed.data.user.id);
    } catch (error) {
      logFailure(deps.logger, { listener: 'shortcut', callbackId: SHORTCUT }, error);
    }
  });
}
