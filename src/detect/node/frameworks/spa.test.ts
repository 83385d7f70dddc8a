import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

const lock = { 'package-lock.json': '{}' };

describe('static single-page apps', () => {
  it('Vite with a custom outDir', () => {
    const s = onlyService({
      'package.json': { name: 'admin', scripts: { build: 'vite build' }, dependencies: { vue: '^3.5.12' }, devDependencies: { vite: '^5.4.10' } },
      ...lock,
      'index.html': '<div id="app"></div>\n',
      'vite.config.js': "export default { build: { outDir: 'public-dist' } };\n",
      'src/main.js': "const api = import.meta.env.VITE_API_BASE;\nconsole.log(api);\n",
    });
    expect(s.framework).toBe('vite');
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('public-dist');
    expect(s.commands.build).toBe('npm run build');
    expect(s.port).toEqual({ value: 8080, envVar: null, bindAddress: null });
    expect(s.evidence.find((e) => e.fact === 'env:VITE_API_BASE')?.note).toMatch(/build time/);
  });

  it('Vite library mode is a package, not an app', () => {
    const plan = planOf(testdir({
      'package.json': { name: '@acme/widgets', main: 'dist/widgets.js', scripts: { build: 'vite build' }, devDependencies: { vite: '^5.4.10' } },
      'index.html': '<div></div>\n',
      'vite.config.ts': "export default { build: { lib: { entry: 'src/index.ts', name: 'widgets' } } };\n",
    }));
    expect(plan.services).toEqual([]);
  });

  it('Create React App builds into build/', () => {
    const s = onlyService({
      'package.json': { name: 'cra', scripts: { start: 'react-scripts start', build: 'react-scripts build' }, dependencies: { react: '^18.3.1', 'react-scripts': '5.0.1' } },
      ...lock,
      'src/index.js': 'const url = process.env.REACT_APP_API_URL;\n',
    });
    expect(s.framework).toBe('create-react-app');
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('build');
    expect(s.commands.start).toBeNull();
    expect(s.warnings.join('\n')).toMatch(/REACT_APP_API_URL is inlined at build time/);
  });

  it('Angular 17+ application builder writes dist/<project>/browser', () => {
    const s = onlyService({
      'package.json': { name: 'shop-ui', scripts: { build: 'ng build' }, dependencies: { '@angular/core': '^18.2.0' }, devDependencies: { '@angular/cli': '^18.2.0' } },
      ...lock,
      'angular.json': { projects: { 'shop-ui': { projectType: 'application', architect: { build: { builder: '@angular-devkit/build-angular:application', options: { outputPath: 'dist/shop-ui' } } } } } },
    });
    expect(s.framework).toBe('angular');
    expect(s.kind).toBe('static');
    expect(s.build.outputDir).toBe('dist/shop-ui/browser');
    expect(s.build.features).toContain('spa');
  });

  it('Angular browser builder writes outputPath itself', () => {
    const s = onlyService({
      'package.json': { name: 'legacy-ui', scripts: { build: 'ng build' }, dependencies: { '@angular/core': '^15.2.0' } },
      ...lock,
      'angular.json': { defaultProject: 'legacy', projects: { legacy: { projectType: 'application', architect: { build: { builder: '@angular-devkit/build-angular:browser', options: { outputPath: 'dist/legacy' } } } } } },
    });
    expect(s.build.outputDir).toBe('dist/legacy');
  });

  it('Angular with SSR runs the server bundle', () => {
    const s = onlyService({
      'package.json': { name: 'ssr-app', scripts: { build: 'ng build', 'serve:ssr:ssr-app': 'node dist/ssr-app/server/server.mjs' }, dependencies: { '@angular/core': '^18.2.0', '@angular/ssr': '^18.2.0', express: '^4.18.2' } },
      ...lock,
      'angular.json': { projects: { 'ssr-app': { projectType: 'application', architect: { build: { builder: '@angular-devkit/build-angular:application', options: { outputPath: 'dist/ssr-app', server: 'src/main.server.ts', ssr: { entry: 'server.ts' } } } } } } },
      'server.ts': "import express from 'express';\nexport function app() { return express(); }\nfunction run() {\n  const port = process.env['PORT'] || 4000;\n  app().listen(port, () => {});\n}\nrun();\n",
    });
    expect(s.kind).toBe('server');
    expect(s.commands.start).toBe('node dist/ssr-app/server/server.mjs');
    expect(s.port).toMatchObject({ value: 4000, envVar: 'PORT' });
  });

  it('Vue CLI reads outputDir from vue.config.js', () => {
    const s = onlyService({
      'package.json': { name: 'vue2', scripts: { build: 'vue-cli-service build' }, dependencies: { vue: '^2.7.16' }, devDependencies: { '@vue/cli-service': '~5.0.8' } },
      ...lock,
      'vue.config.js': "module.exports = { outputDir: 'www' };\n",
    });
    expect(s.framework).toBe('vue-cli');
    expect(s.build.outputDir).toBe('www');
  });
});
