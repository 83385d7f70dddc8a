/**
 * The command list. Each command registers its own flags and help in commands/<name>/register.ts and
 * lazily imports its implementation, so `--help` stays instant and adding a command is one line here.
 */
import type { Command } from 'commander';
import type { Io } from './io.js';
import { registerAgent } from './commands/agent/register.js';
import { registerAgents } from './commands/agents/register.js';
import { registerAnalyze } from './commands/analyze/register.js';
import { registerAudit } from './commands/audit/register.js';
import { registerDb } from './commands/db/register.js';
import { registerGate } from './commands/gate/register.js';
import { registerGenerate } from './commands/generate/register.js';
import { registerHarden } from './commands/harden/register.js';
import { registerMemory } from './commands/memory/register.js';
import { registerObserve } from './commands/observe/register.js';
import { registerRun } from './commands/run/register.js';
import { registerRuns } from './commands/runs/register.js';
import { registerValidate } from './commands/validate/register.js';

export interface CommandWiring {
  io: Io;
  setExit: (code: number) => void;
  /** Commander arg parser for repeatable list flags: `--only a --only b,c`. */
  collect: (value: string, previous?: string[]) => string[];
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export const COMMANDS: ReadonlyArray<(program: Command, wiring: CommandWiring) => void> = [
  registerAnalyze,
  registerGenerate,
  registerValidate,
  registerObserve,
  registerAudit,
  registerHarden,
  registerAgents,
  registerAgent,
  registerRun,
  registerRuns,
  registerGate,
  registerMemory,
  registerDb,
];