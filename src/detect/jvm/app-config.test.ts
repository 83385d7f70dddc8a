import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { testdir } from '../../../test/helpers.js';
import { parseProperties, placeholders, readAppConfig, resolveValue } from './app-config.js';

const RES = 'src/main/resources';

describe('application config', () => {
  it('parses .properties with separators, comments and continuation lines', () => {
    const entries = parseProperties('# comment\nserver.port=8081\nspring.application.name: orders\nkey value with spaces\n! bang\nlong=a,\\\n  b\n', 'application.properties');
    expect(entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['server.port', '8081', 2],
      ['spring.application.name', 'orders', 3],
      ['key', 'value with spaces', 4],
      ['long', 'a,b', 6],
    ]);
  });

  it('flattens YAML with the line of each value and lets application-prod override the base', () => {
    const repo = RepoFs.open(testdir({
      [`${RES}/application.yml`]: 'server:\n  port: 8080\nspring:\n  datasource:\n    url: jdbc:postgresql://db/app\n',
      [`${RES}/application-prod.properties`]: 'server.port=9000\n',
    }));
    const config = readAppConfig(repo, '');
    expect(config.get('spring.datasource.url')).toMatchObject({ value: 'jdbc:postgresql://db/app', file: `${RES}/application.yml`, line: 5 });
    expect(config.get('server.port')).toMatchObject({ value: '9000', file: `${RES}/application-prod.properties`, line: 1 });
  });

  it('keeps production profile documents and %prod keys, drops dev and test ones', () => {
    const repo = RepoFs.open(testdir({
      [`${RES}/application.yml`]: 'server:\n  port: 8080\n---\nspring:\n  config:\n    activate:\n      on-profile: dev\nserver:\n  port: 7000\n---\nspring:\n  config:\n    activate:\n      on-profile: prod\nserver:\n  port: 8443\n',
      [`${RES}/application.properties`]: 'quarkus.http.port=8080\n%dev.quarkus.http.port=8180\n%prod.quarkus.http.port=8090\n',
    }));
    const config = readAppConfig(repo, '');
    expect(config.get('server.port')?.value).toBe('8443');
    expect(config.get('quarkus.http.port')?.value).toBe('8090');
  });

  it('never throws on broken YAML and records a diagnostic', () => {
    const repo = RepoFs.open(testdir({ [`${RES}/application.yml`]: 'server:\n  port: [8080\n' }));
    expect(() => readAppConfig(repo, '')).not.toThrow();
    expect(repo.diagnostics.map((d) => d.code)).toContain('DSQ_ERR_MANIFEST_PARSE');
  });

  it('resolves placeholders, nested defaults and literals', () => {
    expect(placeholders('jdbc:postgresql://${DB_HOST:localhost}:${DB_PORT:5432}/app')).toEqual([
      { name: 'DB_HOST', default: 'localhost' },
      { name: 'DB_PORT', default: '5432' },
    ]);
    expect(resolveValue('${PORT:8080}')).toEqual({ envVar: 'PORT', literal: '8080' });
    expect(resolveValue('${SERVER_PORT:${PORT:9090}}')).toEqual({ envVar: 'SERVER_PORT', literal: '9090' });
    expect(resolveValue('${PORT}')).toEqual({ envVar: 'PORT', literal: null });
    expect(resolveValue('8081')).toEqual({ envVar: null, literal: '8081' });
    expect(resolveValue('${app.port:7000}')).toEqual({ envVar: null, literal: '7000' });
  });
});
