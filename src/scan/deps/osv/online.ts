/**
 * The OSV API (https://google.github.io/osv.dev/api/): POST /v1/querybatch with up to 1000
 * {package, version} queries answers ids only, page by page (next_page_token per query); the full
 * records come from GET /v1/vulns/<id>, fetched once each with a few requests in flight.
 */
import type { OsvRecord, VulnSource } from './types.js';
import { isOsvRecord } from './types.js';

export const DEFAULT_OSV_API = 'https://api.osv.dev';
const BATCH = 1000;
const PARALLEL = 8;
const MAX_PAGES = 20;

export class OsvApiError extends Error {}

interface BatchAnswer {
  results?: Array<{ vulns?: Array<{ id: string }>; next_page_token?: string }>;
}

export class OnlineSource implements VulnSource {
  readonly label: string;
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly details = new Map<string, Promise<OsvRecord | null>>();

  constructor(baseUrl: string = DEFAULT_OSV_API, timeoutMs = 30_000) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.label = this.base;
    this.timeoutMs = timeoutMs;
  }

  private async request(url: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new OsvApiError(timeout.aborted ? `no answer within ${this.timeoutMs / 1000}s` : cause?.code ?? cause?.message ?? (error as Error).message);
    }
    if (!response.ok) throw new OsvApiError(`HTTP ${response.status} from ${url}`);
    try {
      return await response.json();
    } catch {
      throw new OsvApiError(`invalid JSON from ${url}`);
    }
  }

  async lookup(queries: ReadonlyArray<{ ecosystem: string; name: string; version: string }>, signal?: AbortSignal): Promise<OsvRecord[][]> {
    const ids: string[][] = queries.map(() => []);
    for (let start = 0; start < queries.length; start += BATCH) {
      let pending = queries.slice(start, start + BATCH).map((q, i) => ({ index: start + i, q, token: undefined as string | undefined }));
      for (let page = 0; pending.length > 0 && page < MAX_PAGES; page++) {
        const body = { queries: pending.map(({ q, token }) => ({ package: { name: q.name, ecosystem: q.ecosystem }, version: q.version, ...(token ? { page_token: token } : {}) })) };
        const answer = (await this.request(`${this.base}/v1/querybatch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, signal)) as BatchAnswer;
        const results = answer.results ?? [];
        if (results.length !== pending.length) throw new OsvApiError(`querybatch answered ${results.length} results for ${pending.length} queries`);
        const next: typeof pending = [];
        for (const [i, r] of results.entries()) {
          const p = pending[i]!;
          for (const v of r.vulns ?? []) ids[p.index]!.push(v.id);
          if (r.next_page_token) next.push({ ...p, token: r.next_page_token });
        }
        pending = next;
      }
    }
    const unique = [...new Set(ids.flat())];
    for (let i = 0; i < unique.length; i += PARALLEL) await Promise.all(unique.slice(i, i + PARALLEL).map((id) => this.record(id, signal)));
    const out: OsvRecord[][] = [];
    for (const list of ids) {
      const records: OsvRecord[] = [];
      for (const id of new Set(list)) {
        const r = await this.record(id, signal);
        if (r) records.push(r);
      }
      out.push(records);
    }
    return out;
  }

  private record(id: string, signal?: AbortSignal): Promise<OsvRecord | null> {
    let hit = this.details.get(id);
    if (!hit) {
      hit = this.request(`${this.base}/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' }, signal).then((v) => (isOsvRecord(v) ? v : null));
      this.details.set(id, hit);
    }
    return hit;
  }
}
