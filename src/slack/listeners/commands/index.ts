import type { App } from '@slack/bolt';
import { COMMAND } from '../../ids';
import { type CommandDeps, intervision } from './intervision';

/** Slash commands (`app.command`): only /intervision, whose `new` and `list` are in new.ts and list.ts. */

export type { CommandDeps } from './intervision';
export type { SubcommandHandler } from '../support/subcommand';

/** Registers /intervision. */
export function registerCommands(app: App, deps: CommandDeps = {}): void {
  app.command(COMMAND, intervision(deps));
}
