/** Placeholder: `devsquad agent` is being built; its register function adds the command. */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerAgent(_program: Command, _wiring: CommandWiring): void {}
