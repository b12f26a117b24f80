/** The subcommands app.ts hands to /intervision (commands/index.ts). */
export { newSubcommand } from './commands/new';
export { listSubcommand } from './commands/list';
