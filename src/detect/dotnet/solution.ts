/**
 * Solutions: the classic .sln text format (`Project("{type}") = "Name", "src\Api\Api.csproj", "{id}"`)
 * and the XML .slnx format (`<Project Path="src/Api/Api.csproj" />`, possibly inside `<Folder>`).
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { ancestors } from '../shared/versions.js';
import { isProjectFile } from './msbuild.js';

export interface Solution {
  file: string;
  dir: string;
  /** Repo-relative project files the solution lists. */
  projects: string[];
}

export function solutionFiles(repo: RepoFs, dir: string): string[] {
  return repo.list(dir).filter((n) => n.endsWith('.sln') || n.endsWith('.slnx')).map((n) => joinPath(dir, n)).filter((f) => repo.isFile(f));
}

export function readSolution(repo: RepoFs, file: string): Solution | null {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const rels: string[] = [];
  if (file.endsWith('.slnx')) {
    const xml = repo.readXml(file);
    if (!xml) return null;
    collectSlnx(xml, rels);
  } else {
    const text = repo.readText(file);
    if (text === null) return null;
    for (const m of text.matchAll(/^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"/gm)) rels.push(m[1]!);
  }
  const projects: string[] = [];
  for (const rel of rels) {
    const target = normalize(joinPath(dir, rel.replace(/\\/g, '/')));
    if (target !== null && isProjectFile(target) && !projects.includes(target)) projects.push(target);
  }
  return { file, dir, projects };
}

function collectSlnx(value: unknown, out: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectSlnx(v, out);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'Project') {
      for (const p of Array.isArray(child) ? child : [child]) {
        const path = (p as Record<string, unknown> | null)?.['@_Path'];
        if (typeof path === 'string') out.push(path);
      }
    } else if (!key.startsWith('@_')) {
      collectSlnx(child, out);
    }
  }
}

/** The solution that lists this project file, searched from its directory up to the root. */
export function solutionFor(repo: RepoFs, projectFile: string): Solution | null {
  const dir = projectFile.includes('/') ? projectFile.slice(0, projectFile.lastIndexOf('/')) : '';
  for (const at of ancestors(dir)) {
    for (const file of solutionFiles(repo, at)) {
      const sln = readSolution(repo, file);
      if (sln?.projects.includes(projectFile)) return sln;
    }
  }
  return null;
}
