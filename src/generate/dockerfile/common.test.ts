import { describe, expect, it } from 'vitest';
import { cmd, cmdArgv, httpProbe, imageRef, needsShell, portEnv, relativeTo, renderDockerfile, shellWords, writableDirs } from './common.js';
import { service } from './fixtures.js';

describe('start command → CMD', () => {
  it('keeps plain commands in exec form so the app is PID 1', () => {
    expect(cmd('node dist/server.js')).toBe('CMD ["node", "dist/server.js"]');
    expect(cmdArgv('gunicorn "app:create_app()" -w 2')).toEqual(['gunicorn', 'app:create_app()', '-w', '2']);
  });

  it('uses sh -c with exec only when the command needs the shell ($PORT, &&, VAR=)', () => {
    expect(cmd('uvicorn app.main:app --host 0.0.0.0 --port $PORT')).toBe('CMD ["sh", "-c", "exec uvicorn app.main:app --host 0.0.0.0 --port $PORT"]');
    expect(cmdArgv('python manage.py migrate && gunicorn app.wsgi')).toEqual(['sh', '-c', 'python manage.py migrate && exec gunicorn app.wsgi']);
    expect(cmdArgv('NODE_OPTIONS=--enable-source-maps node server.js')).toEqual(['sh', '-c', 'NODE_OPTIONS=--enable-source-maps exec node server.js']);
    expect(cmdArgv('node a.js | tee log')).toEqual(['sh', '-c', 'node a.js | tee log']);
  });

  it('refuses a shell where there is none (distroless)', () => {
    expect(cmdArgv('node server.js --port $PORT', { shell: false })).toBeNull();
  });

  it('tells shell syntax from quoted text', () => {
    expect(needsShell("node -e 'console.log($x)'")).toBe(false);
    expect(needsShell('echo "$HOME"')).toBe(true);
    expect(shellWords(`a 'b c' "d \\"e\\"" f\\ g`)).toEqual(['a', 'b c', 'd "e"', 'f g']);
  });
});

describe('registry mirror', () => {
  it('prefixes Docker Hub images (official ones under library/) and leaves other registries alone', () => {
    expect(imageRef('node:22-alpine', undefined)).toBe('node:22-alpine');
    expect(imageRef('node:${NODE_VERSION}-alpine', 'mirror.example.com/hub')).toBe('mirror.example.com/hub/library/node:${NODE_VERSION}-alpine');
    expect(imageRef('nginxinc/nginx-unprivileged:1.28-alpine', 'mirror.example.com/hub/')).toBe('mirror.example.com/hub/nginxinc/nginx-unprivileged:1.28-alpine');
    expect(imageRef('ghcr.io/astral-sh/uv:0.13.8', 'mirror.example.com')).toBe('ghcr.io/astral-sh/uv:0.13.8');
  });
});

describe('port, probes and files', () => {
  it('sets the plan port under the env var the app reads, plus PORT when the start command says $PORT', () => {
    expect(portEnv(service({ language: 'node', port: 4000, portEnvVar: 'APP_PORT' }))).toBe('ENV APP_PORT=4000');
    expect(portEnv(service({ language: 'python', port: 8000, portEnvVar: 'APP_PORT', commands: { start: 'uvicorn a:b --port $PORT' } }))).toBe('ENV APP_PORT=8000 PORT=8000');
    expect(portEnv(service({ language: 'node', kind: 'worker', port: null }))).toBeNull();
  });

  it('probes 127.0.0.1 with the runtime port env var and the plan default', () => {
    expect(httpProbe('node', 3000, '/healthz')).toEqual(['node', '-e', "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]);
    expect(httpProbe('python', 8000, 'health')[2]).toContain("os.environ.get('PORT','8000')+'/health'");
    expect(httpProbe('ruby', 3000, '/up')).toContain('-rnet/http');
    expect(httpProbe('php', 8080, "/it's")[2]).toContain("'/it\\'s'");
  });

  it('renders one syntax directive, single blank lines and a final newline', () => {
    expect(renderDockerfile(['', 'FROM a AS b', '', '', null, false, ['RUN x', ['']], ''])).toBe('# syntax=docker/dockerfile:1\n\nFROM a AS b\n\nRUN x\n');
  });

  it('creates writable dirs for the runtime uid only', () => {
    expect(writableDirs(['/app/tmp', '/app/tmp', '/app/log'], 10001)).toBe('RUN mkdir -p /app/tmp /app/log && chown -R 10001:10001 /app/tmp /app/log');
    expect(writableDirs([], 10001)).toBeNull();
  });

  it('computes a service path inside its build context', () => {
    expect(relativeTo('', 'apps/api')).toBe('apps/api');
    expect(relativeTo('apps/api', 'apps/api')).toBe('');
    expect(relativeTo('', '')).toBe('');
    expect(relativeTo('services', 'services/api')).toBe('api');
  });
});

describe('exec insertion', () => {
  it('does not mistake `bundle exec` for an exec already there, and keeps an explicit exec', () => {
    expect(cmdArgv('bundle exec rackup -p $PORT')).toEqual(['sh', '-c', 'exec bundle exec rackup -p $PORT']);
    expect(cmdArgv('exec node server.js --port $PORT')).toEqual(['sh', '-c', 'exec node server.js --port $PORT']);
    expect(cmdArgv('node a.js & node b.js &')).toEqual(['sh', '-c', 'node a.js & node b.js &']);
  });
});
