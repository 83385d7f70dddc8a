/** One explicit registry per kind of unit; these tests keep each registry and its folders in step. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectors } from '../src/detect/api.js';
import { generators } from '../src/generate/api.js';
import { monitoringParts } from '../src/generate/monitoring/api.js';
import { hardeningParts } from '../src/generate/security/api.js';
import { scanners } from '../src/scan/api.js';
import { validators } from '../src/validate/api.js';
import { REPO_ROOT } from './helpers.js';

function unitFolders(dir: string, skip: string[] = []): string[] {
  return fs
    .readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !skip.includes(e.name))
    .map((e) => e.name)
    .sort();
}

describe('detector registry', () => {
  it('has one entry per folder under src/detect, in alphabetical order', () => {
    expect([...detectors.keys()]).toEqual(unitFolders('src/detect', ['shared']));
    expect([...detectors.keys()]).toEqual([...detectors.keys()].sort());
  });

  it.each([...detectors.entries()])('%s has its id, markers, priority and the fixed file roles', (key, detector) => {
    expect(detector.id).toBe(key);
    expect(detector.markers.length).toBeGreaterThan(0);
    expect(detector.priority).toBeGreaterThan(0);
    for (const file of ['index.ts', 'detect.ts', 'readme.md']) expect(fs.existsSync(path.join(REPO_ROOT, 'src/detect', key, file)), `${key}/${file}`).toBe(true);
  });

  it('states priority explicitly: languages beat Node (shared package.json), Deno beats Node, static is last', () => {
    const p = (id: string): number => detectors.get(id)!.priority;
    expect(p('deno')).toBeGreaterThan(p('node'));
    for (const id of ['python', 'ruby', 'php', 'jvm', 'dotnet', 'elixir', 'go', 'rust']) expect(p(id)).toBeGreaterThan(p('node'));
    for (const id of detectors.keys()) if (id !== 'static') expect(p(id)).toBeGreaterThan(p('static'));
  });
});

describe('generator registry', () => {
  it('has one entry per folder under src/generate, in alphabetical order', () => {
    expect([...generators.keys()]).toEqual(unitFolders('src/generate', ['monitoring', 'security']));
    expect([...generators.keys()]).toEqual([...generators.keys()].sort());
  });

  it.each([...generators.entries()])('%s has its id, inputs with defaults, and the fixed file roles', (key, generator) => {
    expect(generator.id).toBe(key);
    expect(generator.inputs.safeParse({}).success).toBe(true);
    for (const file of ['index.ts', 'generate.ts', 'readme.md']) expect(fs.existsSync(path.join(REPO_ROOT, 'src/generate', key, file)), `${key}/${file}`).toBe(true);
  });
});

describe('monitoring registry', () => {
  it('has one entry per folder under src/generate/monitoring, in alphabetical order', () => {
    expect([...monitoringParts.keys()]).toEqual(unitFolders('src/generate/monitoring', ['shared']));
    expect([...monitoringParts.keys()]).toEqual([...monitoringParts.keys()].sort());
  });

  it.each([...monitoringParts.entries()])('%s has its id, inputs with defaults, and the fixed file roles', (key, part) => {
    expect(part.id).toBe(key);
    expect(part.inputs.safeParse({}).success).toBe(true);
    for (const file of ['index.ts', 'generate.ts', 'readme.md']) expect(fs.existsSync(path.join(REPO_ROOT, 'src/generate/monitoring', key, file)), `${key}/${file}`).toBe(true);
  });
});

describe('hardening registry', () => {
  it('has one entry per folder under src/generate/security, in alphabetical order, each with inputs defaults and a readme', () => {
    expect([...hardeningParts.keys()]).toEqual(unitFolders('src/generate/security', ['shared']));
    for (const [key, part] of hardeningParts) {
      expect(part.id).toBe(key);
      expect(part.inputs.safeParse({}).success).toBe(true);
      expect(fs.existsSync(path.join(REPO_ROOT, 'src/generate/security', key, 'readme.md')), key).toBe(true);
    }
  });
});

describe('scanner registry', () => {
  it('has one entry per scanner folder under src/scan, in alphabetical order', () => {
    expect([...scanners.keys()]).toEqual(unitFolders('src/scan', ['engine', 'shared']));
  });
});

describe('validator registry', () => {
  it('has one validator per file src/validate/<kind>.ts it names', () => {
    for (const [kind, validator] of validators) {
      expect(validator.kind).toBe(kind);
      expect(fs.existsSync(path.join(REPO_ROOT, 'src/validate', `${kind}.ts`))).toBe(true);
    }
  });
});
