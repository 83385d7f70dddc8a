import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, onlyService, planOf, testdir } from '../../../test/helpers.js';

describe('plain static sites', () => {
  it('serves a folder with index.html as it is', () => {
    const s = onlyService({ 'index.html': '<!doctype html><title>x</title>', 'style.css': 'body{}' });
    expect(s).toMatchObject({ language: 'static', framework: null, kind: 'static' });
    expect(s.build.outputDir).toBe('.');
    expect(s.commands).toEqual({ install: null, build: null, start: null, migrate: null, test: null, lint: null });
    expect(s.port).toEqual({ value: 8080, envVar: null, bindAddress: null });
    expect(s.health.path).toBe('/');
    expect(s.runtime).toEqual({ name: 'nginx', version: '1.27', source: 'default' });
    expect(s.warnings.join(' ')).toMatch(/nginx 1\.27/);
  });

  it('finds a static site in a subfolder of a repository', () => {
    const plan = planOf(testdir({ 'README.md': '# site', 'site/index.html': '<p>hi</p>' }));
    expect(plan.services.map((s) => [s.path, s.name, s.kind])).toEqual([['site', 'site', 'static']]);
  });

  it('accepts a lint-only package.json but leaves a built app to the Node.js detector', () => {
    const lintOnly = onlyService({ 'index.html': '<p>hi</p>', 'package.json': { private: true, devDependencies: { prettier: '^3.3.0' }, scripts: { format: 'prettier -w .' } } });
    expect(lintOnly.language).toBe('static');
    const plan = planOf(testdir({ 'index.html': '<div id="app"></div>', 'package.json': { scripts: { build: 'vite build' }, devDependencies: { vite: '^5.4.0' } } }));
    expect(plan.services.every((s) => s.language !== 'static')).toBe(true);
  });

  it('is not a service next to another language manifest', () => {
    const plan = planOf(testdir({ 'index.html': '<p>hi</p>', 'go.mod': 'module example.com/x\n\ngo 1.23\n' }));
    expect(plan.services.every((s) => s.language !== 'static')).toBe(true);
  });

  it('ignores index.html inside another service (templates, built output)', () => {
    const plan = planOf(testdir({ 'index.html': '<p>root</p>', 'about/index.html': '<p>about</p>' }));
    expect(plan.services.map((s) => s.path)).toEqual(['']);
  });
});

describe('Hugo', () => {
  it('builds hugo.toml sites into public/', () => {
    const s = onlyService({ 'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "x"\n', 'content/_index.md': '# hi\n', 'layouts/index.html': '<p>{{ .Title }}</p>' });
    expect(s).toMatchObject({ language: 'static', framework: 'hugo', kind: 'static' });
    expect(s.commands.build).toBe('hugo --minify');
    expect(s.build.outputDir).toBe('public');
    expect(s.port.value).toBe(8080);
    expect(s.health.path).toBe('/');
    expect(s.runtime).toEqual({ name: 'hugo', version: '0.139.0', source: 'default' });
    expect(s.warnings.join(' ')).toMatch(/No Hugo version found/);
  });

  it('reads a legacy config.toml with baseURL, publishDir and HUGO_VERSION from netlify.toml', () => {
    const s = onlyService({
      'config.toml': 'baseURL = "https://example.org/"\npublishDir = "dist"\n',
      'content/post.md': '# post\n',
      'netlify.toml': '[build]\ncommand = "hugo"\n[build.environment]\nHUGO_VERSION = "0.128.2"\n',
    });
    expect(s.build.outputDir).toBe('dist');
    expect(s.runtime).toEqual({ name: 'hugo', version: '0.128.2', source: 'netlify.toml' });
    expect(s.evidence).toContainEqual({ fact: 'runtime', file: 'netlify.toml', line: 4, note: 'hugo 0.128.2' });
  });

  it('does not mistake any config.toml for Hugo', () => {
    const plan = planOf(testdir({ 'config.toml': 'title = "x"\n', 'content/a.md': '# a\n' }));
    expect(plan.services).toEqual([]);
  });
});

describe('static examples', () => {
  it('static-html', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'static-html'));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]).toMatchObject({
      name: 'static-html',
      language: 'static',
      framework: null,
      kind: 'static',
      commands: { install: null, build: null, start: null, migrate: null },
      port: { value: 8080 },
      health: { path: '/' },
      build: { outputDir: '.' },
    });
  });

  it('static-hugo', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'static-hugo'));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]).toMatchObject({
      name: 'static-hugo',
      language: 'static',
      framework: 'hugo',
      kind: 'static',
      runtime: { name: 'hugo', version: '0.136.5', source: 'mise.toml' },
      commands: { install: null, build: 'hugo --minify', start: null, migrate: null },
      port: { value: 8080 },
      health: { path: '/' },
      build: { outputDir: 'public' },
    });
  });
});
