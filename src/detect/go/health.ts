/**
 * Health routes of a Go binary: the shared finder (gin's r.GET("/healthz"), mux.HandleFunc("/health"))
 * plus Go 1.22 method patterns (`mux.HandleFunc("GET /healthz", …)`), which it does not read.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { findHealthRoutes, HEALTH_PATHS, type HealthFinding } from '../shared/health.js';
import { matchAll } from '../shared/text.js';
import type { GoFile } from './packages.js';

export function goHealthRoutes(repo: RepoFs, files: readonly GoFile[]): HealthFinding[] {
  const found = findHealthRoutes(repo, files.map((f) => f.file));
  for (const f of files) {
    for (const m of matchAll(f.code, /"(?:GET|HEAD)\s+(\/[\w/-]*)"/g)) {
      const path = (m.match[1] ?? '').replace(/(.)\/$/, '$1');
      if ((HEALTH_PATHS as readonly string[]).includes(path)) found.push({ path, file: f.file, line: m.line, text: m.text });
    }
  }
  return found;
}
