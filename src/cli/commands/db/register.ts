/** Placeholder: `devsquad db` is being built; its register function adds the command. */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerDb(_program: Command, _wiring: CommandWiring): void {}
