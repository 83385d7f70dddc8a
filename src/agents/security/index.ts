/** The security engineer's tasks. The audit and hardening tasks join as their scanners and generators land. */
import type { AgentTask } from '../types.js';

export const securityTasks: readonly AgentTask[] = [];
