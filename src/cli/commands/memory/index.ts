/**
 * `devsquad memory store "text" --type … --agent …` and `devsquad memory search "query"`: the squad's
 * shared memory (decisions, edits, statuses, notes), ranked by SQLite FTS5 BM25.
 */
import { DsqError } from '../../../core/errors.js';
import { MEMORY_TYPES, type MemoryType } from '../../../orchestrate/store/memory-store.js';
import type { Io } from '../../io.js';
import { openStores } from '../run/shared.js';

export interface MemoryCommandOptions {
  action: string;
  text: string;
  type?: string;
  agent?: string;
  run?: string;
  limit?: string;
  json?: boolean;
  db?: string;
}

function memoryType(value: string | undefined): MemoryType | undefined {
  if (value === undefined) return undefined;
  if (!(MEMORY_TYPES as readonly string[]).includes(value)) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--type must be one of ${MEMORY_TYPES.join(', ')}, got "${value}"` });
  return value as MemoryType;
}

export function memory(options: MemoryCommandOptions, io: Io): number {
  if (options.action !== 'store' && options.action !== 'search') throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `Unknown memory action "${options.action}": use store or search` });
  const type = memoryType(options.type);
  const { db, store, memory: mem } = openStores(process.cwd(), options.db);
  try {
    if (options.action === 'store') {
      if (!options.text.trim()) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: 'memory store needs some text' });
      if (!options.agent) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: 'memory store needs --agent NAME (who is storing it: infrastructure, security, monitoring, or your name)' });
      if (options.run) store.getRun(options.run);
      const entry = mem.store({ text: options.text, type: type ?? 'note', agent: options.agent, runId: options.run ?? null });
      io.out(options.json ? JSON.stringify(entry, null, 2) : `stored #${entry.id} (${entry.type}, ${entry.agent})`);
      return 0;
    }
    const limit = Number(options.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1) throw new DsqError('DSQ_ERR_CLI_USAGE', { detail: `--limit expects a positive whole number, got "${options.limit}"` });
    const hits = mem.search(options.text, { ...(type ? { type } : {}), ...(options.agent ? { agent: options.agent } : {}), ...(options.run ? { runId: options.run } : {}), limit });
    if (options.json) {
      io.out(JSON.stringify(hits, null, 2));
      return 0;
    }
    if (hits.length === 0) io.out('No matches.');
    for (const h of hits) io.out(`#${h.id}  ${h.type.padEnd(8)} ${h.agent.padEnd(14)} ${h.text}${h.runId ? io.color.dim(`  (run ${h.runId})`) : ''}`);
    return 0;
  } finally {
    db.close();
  }
}
