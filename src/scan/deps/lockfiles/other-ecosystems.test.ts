import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { testdir, type FileSpec } from '../../../../test/helpers.js';
import { collectPackages } from '../scan.js';

function packagesOf(files: Record<string, FileSpec>) {
  const out = collectPackages(RepoFs.open(testdir(files)));
  const byName = (name: string) => out.packages.find((p) => p.name === name);
  return { ...out, byName };
}

describe('Python lockfiles', () => {
  it('requirements.txt: pins, extras, markers, hashes, -r includes, pip-compile "# via", unpinned reported', () => {
    const { packages, byName, problems } = packagesOf({
      'requirements.txt': `# production\n-r requirements/base.txt\nDjango==3.2.13 \\\n    --hash=sha256:aaaa\nrequests[socks]==2.30.0 ; python_version >= "3.8"\n    # via -r requirements.in\nurllib3==1.26.15\n    # via requests\nflask>=2.0\ngunicorn\n-e .\n`,
      'requirements/base.txt': 'PyYAML==5.3.1\n',
      'requirements-dev.txt': 'pytest==7.4.0\n',
    });
    expect(packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['Django@3.2.13', 'PyYAML@5.3.1', 'pytest@7.4.0', 'requests@2.30.0', 'urllib3@1.26.15']);
    expect(byName('Django')).toMatchObject({ ecosystem: 'PyPI', direct: true, dev: false, file: 'requirements.txt', line: 3 });
    expect(byName('requests')).toMatchObject({ direct: true, line: 5 });
    expect(byName('urllib3')).toMatchObject({ direct: false, line: 7 });
    expect(byName('PyYAML')).toMatchObject({ file: 'requirements/base.txt', line: 1 });
    expect(byName('pytest')).toMatchObject({ dev: true });
    expect(problems).toEqual([expect.objectContaining({ code: 'DSQ_ERR_DEPS_UNPINNED', file: 'requirements.txt', message: expect.stringContaining('flask, gunicorn') })]);
  });

  it('poetry.lock with pyproject groups; uv.lock with the project entry; Pipfile.lock sections', () => {
    const poetry = `[[package]]\nname = "django"\nversion = "4.0.5"\ndescription = ""\noptional = false\npython-versions = ">=3.8"\ngroups = ["main"]\n\n[[package]]\nname = "sqlparse"\nversion = "0.4.4"\ngroups = ["main"]\n\n[[package]]\nname = "pytest"\nversion = "7.4.0"\ngroups = ["dev"]\n\n[metadata]\nlock-version = "2.1"\n`;
    const py = `[tool.poetry.dependencies]\npython = "^3.11"\nDjango = "^4.0"\n\n[tool.poetry.group.dev.dependencies]\npytest = "^7"\n`;
    const p = packagesOf({ 'pyproject.toml': py, 'poetry.lock': poetry });
    expect(p.byName('django')).toMatchObject({ version: '4.0.5', direct: true, dev: false, line: 2 });
    expect(p.byName('sqlparse')).toMatchObject({ direct: false, dev: false, line: 10 });
    expect(p.byName('pytest')).toMatchObject({ direct: true, dev: true });

    const uv = `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [\n    { name = "requests" },\n]\n\n[package.dev-dependencies]\ndev = [\n    { name = "pytest" },\n]\n\n[[package]]\nname = "requests"\nversion = "2.30.0"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "urllib3" },\n]\n\n[[package]]\nname = "urllib3"\nversion = "2.0.2"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "pytest"\nversion = "7.4.0"\nsource = { registry = "https://pypi.org/simple" }\n`;
    const u = packagesOf({ 'uv.lock': uv, 'pyproject.toml': '[project]\nname = "app"\ndependencies = ["requests"]\n' });
    expect(u.packages).toHaveLength(3);
    expect(u.byName('requests')).toMatchObject({ direct: true, dev: false, line: 18 });
    expect(u.byName('urllib3')).toMatchObject({ direct: false, dev: false });
    expect(u.byName('pytest')).toMatchObject({ direct: true, dev: true });

    const pipfileLock = { _meta: { hash: { sha256: 'x' } }, default: { pyyaml: { version: '==5.3.1', hashes: [] }, idna: { version: '==3.4' } }, develop: { pytest: { version: '==7.4.0' } } };
    const pf = packagesOf({ 'Pipfile': '[packages]\npyyaml = "*"\n\n[dev-packages]\npytest = "*"\n', 'Pipfile.lock': pipfileLock });
    expect(pf.byName('pyyaml')).toMatchObject({ version: '5.3.1', direct: true, dev: false });
    expect(pf.byName('idna')).toMatchObject({ direct: false });
    expect(pf.byName('pytest')).toMatchObject({ direct: true, dev: true });
  });

  it('a broken poetry.lock is a problem', () => {
    const { problems } = packagesOf({ 'poetry.lock': '[[package]\nname = ' });
    expect(problems[0]).toMatchObject({ code: 'DSQ_ERR_MANIFEST_PARSE', file: 'poetry.lock' });
  });
});

describe('Go, Rust, Ruby, PHP, JVM', () => {
  it('go.mod: require blocks, // indirect, replace directives, local replacements skipped', () => {
    const mod = `module example.com/app\n\ngo 1.21\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgolang.org/x/net v0.15.0 // indirect\n\texample.com/local v0.0.0\n)\n\nrequire github.com/old/dep v1.0.0\n\nreplace github.com/old/dep => github.com/new/dep v1.2.0\nreplace example.com/local => ../local\n`;
    const { packages, byName, problems } = packagesOf({ 'go.mod': mod, 'go.sum': 'golang.org/x/net v0.15.0 h1:x=\n' });
    expect(problems).toEqual([]);
    expect(packages).toHaveLength(3);
    expect(byName('github.com/gin-gonic/gin')).toMatchObject({ ecosystem: 'Go', version: 'v1.9.1', direct: true, line: 6 });
    expect(byName('golang.org/x/net')).toMatchObject({ direct: false, line: 7 });
    expect(byName('github.com/new/dep')).toMatchObject({ version: 'v1.2.0', line: 11 });
  });

  it('Cargo.lock: registry crates only, direct = what workspace members depend on', () => {
    const lock = `version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "smallvec",\n "serde 1.0.190",\n]\n\n[[package]]\nname = "serde"\nversion = "1.0.190"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n[[package]]\nname = "smallvec"\nversion = "1.6.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\ndependencies = [\n "itoa",\n]\n\n[[package]]\nname = "itoa"\nversion = "1.0.9"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`;
    const { packages, byName } = packagesOf({ 'Cargo.toml': '[package]\nname = "app"\n', 'Cargo.lock': lock });
    expect(packages).toHaveLength(3);
    expect(byName('smallvec')).toMatchObject({ ecosystem: 'crates.io', version: '1.6.0', direct: true, line: 17 });
    expect(byName('itoa')).toMatchObject({ direct: false });
  });

  it('Gemfile.lock: specs, platform suffixes, DEPENDENCIES, dev groups from the Gemfile', () => {
    const lock = `GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.15.4-x86_64-linux)\n      racc (~> 1.4)\n    racc (1.7.1)\n    rails (7.0.8)\n      nokogiri (>= 1.6)\n    rspec (3.12.0)\n\nPLATFORMS\n  x86_64-linux\n\nDEPENDENCIES\n  rails (~> 7.0)\n  rspec\n\nBUNDLED WITH\n   2.4.10\n`;
    const gemfile = `source "https://rubygems.org"\ngem "rails", "~> 7.0"\n\ngroup :development, :test do\n  gem "rspec"\nend\n`;
    const { packages, byName } = packagesOf({ 'Gemfile': gemfile, 'Gemfile.lock': lock });
    expect(packages).toHaveLength(4);
    expect(byName('nokogiri')).toMatchObject({ ecosystem: 'RubyGems', version: '1.15.4', direct: false, dev: false, line: 4 });
    expect(byName('rails')).toMatchObject({ direct: true, dev: false });
    expect(byName('rspec')).toMatchObject({ direct: true, dev: true });
  });

  it('composer.lock: packages and packages-dev, v-prefixed versions, direct from composer.json', () => {
    const lock = { 'content-hash': 'x', packages: [{ name: 'guzzlehttp/guzzle', version: '7.4.4' }, { name: 'guzzlehttp/psr7', version: 'v2.4.0' }], 'packages-dev': [{ name: 'phpunit/phpunit', version: '10.0.0' }] };
    const { byName } = packagesOf({ 'composer.json': { require: { 'guzzlehttp/guzzle': '^7.4' }, 'require-dev': { 'phpunit/phpunit': '^10' } }, 'composer.lock': lock });
    expect(byName('guzzlehttp/guzzle')).toMatchObject({ ecosystem: 'Packagist', direct: true, dev: false, line: 5 });
    expect(byName('guzzlehttp/psr7')).toMatchObject({ version: '2.4.0', direct: false });
    expect(byName('phpunit/phpunit')).toMatchObject({ direct: true, dev: true });
  });

  it('gradle.lockfile (test-only configurations are dev) and pom.xml without a lockfile', () => {
    const lock = `# This is a Gradle generated file for dependency locking.\norg.apache.logging.log4j:log4j-core:2.14.1=compileClasspath,runtimeClasspath\njunit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath\nempty=annotationProcessor\n`;
    const g = packagesOf({ 'build.gradle': 'plugins { id "java" }\n', 'gradle.lockfile': lock });
    expect(g.problems).toEqual([]);
    expect(g.byName('org.apache.logging.log4j:log4j-core')).toMatchObject({ ecosystem: 'Maven', version: '2.14.1', dev: false, line: 2 });
    expect(g.byName('junit:junit')).toMatchObject({ dev: true });
    const m = packagesOf({ 'pom.xml': '<project><artifactId>x</artifactId></project>' });
    expect(m.problems).toEqual([expect.objectContaining({ code: 'DSQ_ERR_DEPS_NO_LOCKFILE', file: 'pom.xml', message: expect.stringContaining('Maven has no lockfile') })]);
  });
});
