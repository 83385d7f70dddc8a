import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { testdir, type FileSpec } from '../../../../test/helpers.js';
import { collectPackages } from '../scan.js';

function packagesOf(files: Record<string, FileSpec>) {
  const out = collectPackages(RepoFs.open(testdir(files)));
  const byName = (name: string, version?: string) => out.packages.find((p) => p.name === name && (!version || p.version === version));
  return { ...out, byName };
}

const PKG = { name: 'app', version: '1.0.0', dependencies: { express: '^4.18.2' }, devDependencies: { vitest: '^1.0.0' } };

describe('package-lock.json', () => {
  it('v3: nested node_modules copies, dev flags, direct vs transitive, entry lines', () => {
    const lock = {
      name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { express: '^4.18.2' }, devDependencies: { vitest: '^1.0.0' } },
        'node_modules/express': { version: '4.18.2', dependencies: { qs: '6.11.0' } },
        'node_modules/qs': { version: '6.11.0' },
        'node_modules/body-parser/node_modules/qs': { version: '6.5.1' },
        'node_modules/vitest': { version: '1.0.0', dev: true },
        'node_modules/minimist': { version: '1.2.5', dev: true },
        'packages/lib': { name: 'lib', version: '0.0.1' },
        'node_modules/lib': { resolved: 'packages/lib', link: true },
      },
    };
    const { packages, byName, problems } = packagesOf({ 'package.json': PKG, 'package-lock.json': lock });
    expect(problems).toEqual([]);
    expect(packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['express@4.18.2', 'minimist@1.2.5', 'qs@6.11.0', 'qs@6.5.1', 'vitest@1.0.0']);
    expect(byName('express')).toMatchObject({ ecosystem: 'npm', direct: true, dev: false, file: 'package-lock.json', line: 17 });
    expect(byName('qs', '6.5.1')).toMatchObject({ direct: false, dev: false });
    expect(byName('vitest')).toMatchObject({ direct: true, dev: true });
    expect(byName('minimist')).toMatchObject({ direct: false, dev: true });
  });

  it('v1 (npm 6) nested dependencies, and npm-shrinkwrap.json in a sub-folder', () => {
    const lock = {
      name: 'app', version: '1.0.0', lockfileVersion: 1, requires: true,
      dependencies: {
        express: { version: '4.16.0', requires: { qs: '6.5.1' }, dependencies: { qs: { version: '6.5.1' } } },
        lodash: { version: '4.17.11', dev: true },
        mine: { version: 'github:me/mine#abc' },
      },
    };
    const { packages, byName } = packagesOf({ 'svc/package.json': { dependencies: { express: '4.16.0' }, devDependencies: { lodash: '4' } }, 'svc/npm-shrinkwrap.json': lock });
    expect(packages).toHaveLength(3);
    expect(byName('express')).toMatchObject({ direct: true, dev: false, file: 'svc/npm-shrinkwrap.json' });
    expect(byName('qs')).toMatchObject({ direct: false });
    expect(byName('lodash')).toMatchObject({ direct: true, dev: true });
  });

  it('reports a broken lockfile as a problem, never as "no packages"', () => {
    const { packages, problems } = packagesOf({ 'package.json': PKG, 'package-lock.json': '{ "lockfileVersion": 3, ' });
    expect(packages).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: 'DSQ_ERR_MANIFEST_PARSE', file: 'package-lock.json' })]);
  });

  it('reports a package.json with dependencies and no lockfile', () => {
    const { problems } = packagesOf({ 'package.json': PKG });
    expect(problems).toEqual([expect.objectContaining({ code: 'DSQ_ERR_DEPS_NO_LOCKFILE', file: 'package.json' })]);
  });
});

describe('pnpm-lock.yaml', () => {
  it('v9: importers, snapshots graph, scoped names, peers, dev-only by reachability', () => {
    const lock = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

importers:

  .:
    dependencies:
      express:
        specifier: ^4.18.2
        version: 4.18.2
      '@scope/ui':
        specifier: ^1.0.0
        version: 1.0.0(react@18.2.0)
    devDependencies:
      vitest:
        specifier: ^1.0.0
        version: 1.0.0

packages:

  '@scope/ui@1.0.0':
    resolution: {integrity: sha512-a}

  express@4.18.2:
    resolution: {integrity: sha512-b}

  qs@6.11.0:
    resolution: {integrity: sha512-c}

  react@18.2.0:
    resolution: {integrity: sha512-d}

  vitest@1.0.0:
    resolution: {integrity: sha512-e}

  tinypool@0.8.1:
    resolution: {integrity: sha512-f}

snapshots:

  '@scope/ui@1.0.0(react@18.2.0)':
    dependencies:
      react: 18.2.0

  express@4.18.2:
    dependencies:
      qs: 6.11.0

  qs@6.11.0: {}

  react@18.2.0: {}

  vitest@1.0.0:
    dependencies:
      tinypool: 0.8.1

  tinypool@0.8.1: {}
`;
    const { packages, byName, problems } = packagesOf({ 'package.json': PKG, 'pnpm-lock.yaml': lock });
    expect(problems).toEqual([]);
    expect(packages).toHaveLength(6);
    expect(byName('@scope/ui')).toMatchObject({ version: '1.0.0', direct: true, dev: false, line: 23 });
    expect(byName('qs')).toMatchObject({ direct: false, dev: false });
    expect(byName('react')).toMatchObject({ direct: false, dev: false });
    expect(byName('vitest')).toMatchObject({ direct: true, dev: true });
    expect(byName('tinypool')).toMatchObject({ direct: false, dev: true });
  });

  it('v6 and v5 keys with dev flags; every YAML document is read', () => {
    const v6 = `---
lockfileVersion: '6.0'
dependencies:
  lodash:
    specifier: ^4.17.0
    version: 4.17.11
devDependencies:
  minimist:
    specifier: ^1.2.0
    version: 1.2.5

packages:

  /lodash@4.17.11:
    resolution: {integrity: sha512-x}
    dev: false

  /minimist@1.2.5:
    resolution: {integrity: sha512-y}
    dev: true
`;
    const env = `---\nlockfileVersion: '6.0'\nimporters:\n  .:\n    configDependencies: {}\n${v6}`;
    const six = packagesOf({ 'package.json': PKG, 'pnpm-lock.yaml': env });
    expect(six.byName('lodash')).toMatchObject({ version: '4.17.11', direct: true, dev: false });
    expect(six.byName('minimist')).toMatchObject({ version: '1.2.5', direct: true, dev: true });
    const v5 = `lockfileVersion: 5.4\nspecifiers:\n  '@babel/core': ^7.0.0\ndependencies:\n  '@babel/core': 7.20.0_supports-color@8\npackages:\n  /@babel/core/7.20.0_supports-color@8:\n    resolution: {integrity: sha512-z}\n    dev: false\n  /debug/4.3.4:\n    resolution: {integrity: sha512-q}\n    dev: false\n`;
    const five = packagesOf({ 'package.json': PKG, 'pnpm-lock.yaml': v5 });
    expect(five.byName('@babel/core')).toMatchObject({ version: '7.20.0', direct: true, dev: false, line: 7 });
    expect(five.byName('debug')).toMatchObject({ version: '4.3.4', direct: false });
  });
});

describe('yarn.lock', () => {
  it('classic: multi-descriptor entries, dependencies graph, direct and dev from package.json', () => {
    const lock = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


express@^4.18.2:
  version "4.18.2"
  resolved "https://registry.yarnpkg.com/express/-/express-4.18.2.tgz"
  dependencies:
    qs "6.11.0"

qs@6.11.0, qs@^6.0.0:
  version "6.11.0"
  resolved "https://registry.yarnpkg.com/qs/-/qs-6.11.0.tgz"

"@vitest/runner@1.0.0", vitest@^1.0.0:
  version "1.0.0"

minimist@^1.2.0:
  version "1.2.5"
`;
    const { byName, packages } = packagesOf({ 'package.json': { dependencies: { express: '^4.18.2' }, devDependencies: { vitest: '^1.0.0', minimist: '^1.2.0' } }, 'yarn.lock': lock });
    expect(packages).toHaveLength(4);
    expect(byName('express')).toMatchObject({ version: '4.18.2', direct: true, dev: false, line: 5 });
    expect(byName('qs')).toMatchObject({ direct: false, dev: false, line: 11 });
    expect(byName('minimist')).toMatchObject({ version: '1.2.5', direct: true, dev: true });
  });

  it('berry: YAML with __metadata, npm: descriptors, workspaces skipped', () => {
    const lock = `# This file is generated by running "yarn install" inside your project.

__metadata:
  version: 8
  cacheKey: 10c0

"app@workspace:.":
  version: 0.0.0-use.local
  resolution: "app@workspace:."
  dependencies:
    lodash: "npm:^4.17.0"
  languageName: unknown
  linkType: soft

"lodash@npm:^4.17.0":
  version: 4.17.11
  resolution: "lodash@npm:4.17.11"
  checksum: 10c0/abc
  languageName: node
  linkType: hard
`;
    const { packages } = packagesOf({ 'package.json': { dependencies: { lodash: '^4.17.0' } }, 'yarn.lock': lock });
    expect(packages).toEqual([expect.objectContaining({ name: 'lodash', version: '4.17.11', direct: true, dev: false, line: 15 })]);
  });

  it('a classic yarn.lock that is not one is a parse problem', () => {
    const { problems } = packagesOf({ 'package.json': PKG, 'yarn.lock': 'this is not\na lockfile\n' });
    expect(problems[0]).toMatchObject({ code: 'DSQ_ERR_MANIFEST_PARSE', file: 'yarn.lock' });
  });
});

describe('bun.lock', () => {
  it('JSONC with trailing commas, nested copies, workspace deps', () => {
    const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": { "express": "^4.18.2", },
      "devDependencies": { "minimist": "^1.2.0", },
    },
  },
  "packages": {
    "express": ["express@4.18.2", "", { "dependencies": { "qs": "6.11.0", "debug": "2.6.9" } }, "sha512-a"],
    "qs": ["qs@6.11.0", "", {}, "sha512-b"],
    "debug": ["debug@4.3.4", "", {}, "sha512-c"],
    "express/debug": ["debug@2.6.9", "", {}, "sha512-d"],
    "minimist": ["minimist@1.2.5", "", {}, "sha512-e"],
  }
}
`;
    const { byName, packages, problems } = packagesOf({ 'package.json': PKG, 'bun.lock': lock });
    expect(problems).toEqual([]);
    expect(packages).toHaveLength(5);
    expect(byName('express')).toMatchObject({ direct: true, dev: false, line: 11 });
    expect(byName('debug', '2.6.9')).toMatchObject({ direct: false, dev: false, line: 14 });
    expect(byName('debug', '4.3.4')).toMatchObject({ dev: true });
    expect(byName('minimist')).toMatchObject({ direct: true, dev: true });
  });

  it('bun.lockb alone is reported as unreadable', () => {
    const { problems } = packagesOf({ 'package.json': PKG, 'bun.lockb': Buffer.from([0, 1, 2, 3]) });
    expect(problems.map((p) => p.code)).toEqual(['DSQ_ERR_DEPS_NO_LOCKFILE']);
  });
});
