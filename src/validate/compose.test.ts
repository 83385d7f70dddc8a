import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers.js';
import { validatorForPath } from './api.js';
import { composeValidator, isComposeName, validateCompose } from './compose.js';
import { COMPOSE_RULES } from './compose-rules.js';
import { loadComposeSchema, modernizeSchema } from './compose-schema.js';

const GOOD = `name: shop
services:
  api:
    build:
      context: services/api
      dockerfile: Dockerfile
    image: shop-api:local
    init: true
    restart: unless-stopped
    ports:
      - "127.0.0.1:\${API_HOST_PORT:-3000}:3000"
    environment:
      PORT: "3000"
      DATABASE_URL: postgresql://app:\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}@postgres:5432/app
      LOG_LEVEL: \${LOG_LEVEL:-info}
    depends_on:
      postgres:
        condition: service_healthy
  postgres:
    image: postgres:17-alpine
    restart: unless-stopped
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD_FILE: /run/secrets/postgres_password
    secrets:
      - postgres_password
    volumes:
      - postgres-data:/var/lib/postgresql/data
    healthcheck:
      test: ["CMD", "pg_isready", "-h", "127.0.0.1", "-U", "app"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s
volumes:
  postgres-data: {}
secrets:
  postgres_password:
    environment: POSTGRES_PASSWORD
`;

function run(content: string) {
  return validateCompose({ path: 'compose.yaml', content });
}

function rule(content: string, id: string) {
  return run(content).filter((d) => d.ruleId === id);
}

/** A minimal clean file around one service definition (indented by the caller). */
function svc(body: string, extra = ''): string {
  return `services:\n  app:\n    image: acme/app:1.4.2\n    restart: unless-stopped\n${body}\n${extra}`;
}

describe('compose validator', () => {
  it('reports nothing for a well-formed modern compose file', () => {
    expect(run(GOOD)).toEqual([]);
  });

  it('validates a compose file read from a real repository', () => {
    const dir = testdir({ 'docker-compose.yml': 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: example\n    ports: ["5432:5432"]\n' });
    const content = fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8');
    const found = composeValidator.validate({ path: 'docker-compose.yml', content });
    expect(found.map((d) => [d.ruleId, d.line])).toEqual([
      ['DSQ-DC-0010', 2],
      ['DSQ-DC-0002', 3],
      ['DSQ-DC-0003', 5],
      ['DSQ-DC-0009', 6],
    ]);
  });

  it('recognises compose file names', () => {
    for (const name of ['compose.yaml', 'compose.yml', 'deploy/compose.prod.yaml', 'compose.override.yml', 'docker-compose.yml', 'docker-compose.dev.yaml', 'docker-compose-ci.yml']) {
      expect(isComposeName(name), name).toBe(true);
    }
    for (const name of ['composer.json', 'compose.json', 'my-compose.yaml', '.github/workflows/ci.yml']) expect(isComposeName(name), name).toBe(false);
    expect(validatorForPath('docker-compose.yml')?.kind).toBe('compose');
  });

  it('has unique, ordered rule ids', () => {
    const ids = COMPOSE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort());
  });

  describe('DSQ-DC-0000 YAML syntax', () => {
    it('reports YAML errors with their line', () => {
      const found = run('services:\n  web:\n    image: nginx:1.27\n    ports: [80:80\n  db:\n    image: x\n');
      expect(found[0]).toMatchObject({ ruleId: 'DSQ-DC-0000', severity: 'high' });
      expect(found[0]?.line).toBeGreaterThanOrEqual(4);
    });
    it('reports duplicate keys', () => {
      expect(run('services:\n  web:\n    image: a:1\n    image: b:1\n').map((d) => [d.ruleId, d.line])).toEqual([['DSQ-DC-0000', 4]]);
    });
    it('accepts anchors and merge keys', () => {
      const content = 'x-common: &common\n  restart: unless-stopped\n  init: true\nservices:\n  a:\n    <<: *common\n    image: acme/a:1.0\n';
      expect(run(content)).toEqual([]);
    });
  });

  describe('DSQ-DC-0001 schema', () => {
    it('explains unknown keys with a suggestion and the key line', () => {
      const found = rule(svc('    enviroment:\n      A: "1"'), 'DSQ-DC-0001');
      expect(found).toEqual([expect.objectContaining({ line: 5, message: 'services.app: unknown key "enviroment" (did you mean "environment"?)' })]);
    });
    it('reports wrong types, bad durations and invalid service names readably', () => {
      const content = 'services:\n  web app:\n    image: x:1\n  web:\n    image: nginx:1.27\n    restart: 3\n    build: 5\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 10 seconds\n';
      const messages = rule(content, 'DSQ-DC-0001').map((d) => `${d.line} ${d.message}`);
      expect(messages).toEqual([
        '2 services: "web app" is not a valid name: use letters, digits, \'.\', \'_\' and \'-\'',
        '6 services.web.restart: must be a string',
        '7 services.web.build: must be a string or an object',
        '10 services.web.healthcheck.interval: "10 seconds" is not a duration like 10s or 1m30s',
      ]);
    });
    it('reports the failing key inside the branch the user meant', () => {
      const found = rule(svc('    ports:\n      - target: 80\n        publish: 8080'), 'DSQ-DC-0001');
      expect(found.map((d) => d.message)).toEqual(['services.app.ports[0]: unknown key "publish" (did you mean "published"?)']);
    });
    it('does not judge interpolated values before substitution', () => {
      const content = svc('    ports:\n      - "${PORT:-3000}:3000"\n      - target: 80\n        published: "${WEB_PORT}"\n    init: ${USE_INIT:-true}\n    deploy:\n      replicas: ${REPLICAS:-2}');
      expect(rule(content, 'DSQ-DC-0001')).toEqual([]);
    });
    it('accepts keys of the current specification the packaged schema lacks', () => {
      const content = `name: demo
include:
  - path: ../shared/compose.yaml
models:
  llm:
    model: ai/smollm2
secrets:
  token:
    environment: API_TOKEN
services:
  app:
    image: acme/app:1.0
    restart: unless-stopped
    gpus: all
    models: [llm]
    provider:
      type: model
      options:
        model: ai/smollm2
    develop:
      watch:
        - path: ./src
          action: sync
          target: /app/src
    env_file:
      - path: .env
        required: false
    healthcheck:
      test: ["CMD", "true"]
      start_interval: 2s
    build:
      context: .
      additional_contexts:
        shared: ../shared
      secrets: [token]
      platforms: [linux/amd64, linux/arm64]
    post_start:
      - command: ./warm-cache.sh
    depends_on:
      db:
        condition: service_started
        restart: true
        required: false
    volumes:
      - type: volume
        source: data
        target: /data
        volume:
          subpath: app
volumes:
  data:
`;
      expect(rule(content, 'DSQ-DC-0001')).toEqual([]);
    });
    it('reports an empty file', () => {
      expect(run('')).toEqual([expect.objectContaining({ ruleId: 'DSQ-DC-0001', message: 'The file is empty.' })]);
    });
    it('extends a copy and keeps the packaged schema untouched', () => {
      const base = loadComposeSchema();
      const modern = modernizeSchema(base);
      expect((modern.properties as Record<string, unknown>).name).toBeDefined();
      expect((base.properties as Record<string, unknown>).name).toBeUndefined();
    });
  });

  describe('DSQ-DC-0002 image tag', () => {
    it('flags missing tags and latest', () => {
      const found = rule('services:\n  a:\n    image: redis\n    restart: always\n  b:\n    image: ghcr.io/acme/b:latest\n    restart: always\n', 'DSQ-DC-0002');
      expect(found.map((d) => [d.line, d.severity])).toEqual([[3, 'medium'], [6, 'medium']]);
    });
    it('accepts tags, digests, defaults that pin, and images built locally', () => {
      const content = 'services:\n  a:\n    image: redis:7.4-alpine\n    restart: always\n  b:\n    image: app\n    build: .\n    restart: always\n  c:\n    image: acme/c:${TAG:-1.2.3}\n    restart: always\n  d:\n    image: localhost:5000/d@sha256:abc\n    restart: always\n';
      expect(rule(content, 'DSQ-DC-0002')).toEqual([]);
    });
  });

  describe('DSQ-DC-0003 plaintext secrets', () => {
    it('flags literal credentials and URLs with passwords, in map and list form', () => {
      const content = svc('    environment:\n      API_TOKEN: abc123\n      DATABASE_URL: postgres://app:hunter2@db:5432/app\n    labels: []', '') + '  b:\n    image: x:1\n    restart: always\n    environment:\n      - DB_PASSWORD=secret\n';
      const found = rule(content, 'DSQ-DC-0003');
      expect(found.map((d) => d.line)).toEqual([6, 7, 13]);
      expect(found[0]?.severity).toBe('high');
    });
    it('accepts interpolation, secret files and non-secret settings', () => {
      const body = '    environment:\n      API_TOKEN: ${API_TOKEN:?set it}\n      DATABASE_URL: postgresql://app:${POSTGRES_PASSWORD}@db:5432/app\n      POSTGRES_PASSWORD_FILE: /run/secrets/pg\n      TOKEN_TTL: "3600"\n      REDIS_URL: redis://redis:6379\n      PASSWORD_AUTH: "true"\n      MYSQL_RANDOM_ROOT_PASSWORD: "yes"\n      SECRET_KEY_BASE:';
      expect(rule(svc(body), 'DSQ-DC-0003')).toEqual([]);
    });
  });

  describe('DSQ-DC-0004 privileged', () => {
    it('flags privileged: true', () => {
      expect(rule(svc('    privileged: true'), 'DSQ-DC-0004')).toEqual([expect.objectContaining({ line: 5, severity: 'high' })]);
    });
    it('accepts privileged: false', () => {
      expect(rule(svc('    privileged: false'), 'DSQ-DC-0004')).toEqual([]);
    });
  });

  describe('DSQ-DC-0005 docker socket', () => {
    it('flags the socket in short and long syntax, read-only too', () => {
      const body = '    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - type: bind\n        source: /run/docker.sock\n        target: /run/docker.sock';
      expect(rule(svc(body), 'DSQ-DC-0005').map((d) => [d.line, d.severity])).toEqual([[6, 'critical'], [7, 'critical']]);
    });
    it('accepts ordinary mounts', () => {
      expect(rule(svc('    volumes:\n      - ./config:/etc/app:ro\n      - data:/data', 'volumes:\n  data: {}\n'), 'DSQ-DC-0005')).toEqual([]);
    });
  });

  describe('DSQ-DC-0006 host network', () => {
    it('flags network_mode: host', () => {
      expect(rule(svc('    network_mode: host'), 'DSQ-DC-0006')).toHaveLength(1);
    });
    it('accepts bridge and service network modes', () => {
      expect(rule(svc('    network_mode: "service:vpn"'), 'DSQ-DC-0006')).toEqual([]);
    });
  });

  describe('DSQ-DC-0007 unknown dependency', () => {
    it('flags depends_on a service that is not defined', () => {
      const found = rule(svc('    depends_on:\n      - db\n      - cache'), 'DSQ-DC-0007');
      expect(found.map((d) => d.line)).toEqual([6, 7]);
    });
    it('accepts defined services, optional dependencies and files with include', () => {
      expect(rule(svc('    depends_on:\n      db:\n        condition: service_started\n        required: false'), 'DSQ-DC-0007')).toEqual([]);
      expect(rule(`include:\n  - db.yaml\n${svc('    depends_on: [db]')}`, 'DSQ-DC-0007')).toEqual([]);
    });
  });

  describe('DSQ-DC-0008 service_healthy without a healthcheck', () => {
    const base = (db: string) => svc('    depends_on:\n      db:\n        condition: service_healthy', `  db:\n    restart: always\n${db}\n`);
    it('flags a dependency on an image without a healthcheck, or one that disables it', () => {
      expect(rule(base('    image: postgres:17'), 'DSQ-DC-0008')).toEqual([expect.objectContaining({ line: 6, severity: 'high' })]);
      expect(rule(base('    image: postgres:17\n    healthcheck:\n      disable: true'), 'DSQ-DC-0008')).toHaveLength(1);
    });
    it('accepts a healthcheck, or a built image that may declare HEALTHCHECK', () => {
      expect(rule(base('    image: postgres:17\n    healthcheck:\n      test: ["CMD", "pg_isready"]'), 'DSQ-DC-0008')).toEqual([]);
      expect(rule(base('    build: ./db'), 'DSQ-DC-0008')).toEqual([]);
    });
  });

  describe('DSQ-DC-0009 data-store ports on all interfaces', () => {
    it('flags database ports published on every interface', () => {
      const content = 'services:\n  db:\n    image: postgres:17\n    restart: always\n    ports:\n      - "5432:5432"\n      - "0.0.0.0:5433:5432"\n      - target: 5432\n  cache:\n    build: ./cache\n    restart: always\n    ports: [6379]\n';
      expect(rule(content, 'DSQ-DC-0009').map((d) => d.line)).toEqual([6, 7, 8, 12]);
    });
    it('accepts loopback bindings and non-database ports', () => {
      const content = 'services:\n  db:\n    image: postgres:17\n    restart: always\n    ports:\n      - "127.0.0.1:5432:5432"\n      - "[::1]:5433:5432"\n      - "${DB_BIND:-127.0.0.1}:5434:5432"\n      - target: 5432\n        published: 5435\n        host_ip: 127.0.0.1\n  web:\n    image: nginx:1.27\n    restart: always\n    ports: ["8080:80"]\n';
      expect(rule(content, 'DSQ-DC-0009')).toEqual([]);
    });
  });

  describe('DSQ-DC-0010 restart policy', () => {
    it('flags long-running services without restart', () => {
      expect(rule('services:\n  web:\n    image: nginx:1.27\n', 'DSQ-DC-0010')).toEqual([expect.objectContaining({ line: 2, severity: 'low' })]);
    });
    it('accepts restart, deploy.restart_policy and one-shot jobs', () => {
      const content = 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n  migrate:\n    image: acme/migrate:1.0\n';
      expect(rule(content, 'DSQ-DC-0010')).toEqual([]);
    });
  });

  describe('DSQ-DC-0011 build context outside the project', () => {
    it('flags contexts that climb out of the compose directory', () => {
      const content = 'services:\n  a:\n    build: ../api\n    restart: always\n  b:\n    build:\n      context: ./web/../../web\n    restart: always\n';
      expect(rule(content, 'DSQ-DC-0011').map((d) => [d.line, d.severity])).toEqual([[3, 'info'], [7, 'info']]);
    });
    it('accepts contexts inside the project and remote contexts', () => {
      const content = 'services:\n  a:\n    build: ./services/../api\n    restart: always\n  b:\n    build:\n      context: https://github.com/acme/b.git#main\n    restart: always\n';
      expect(rule(content, 'DSQ-DC-0011')).toEqual([]);
    });
  });

  describe('DSQ-DC-0012 root user', () => {
    it('flags user root and uid 0', () => {
      expect(rule(svc('    user: root'), 'DSQ-DC-0012')).toHaveLength(1);
      expect(rule(svc('    user: "0:0"'), 'DSQ-DC-0012')).toHaveLength(1);
    });
    it('accepts unprivileged users', () => {
      expect(rule(svc('    user: "1000:1000"'), 'DSQ-DC-0012')).toEqual([]);
    });
  });
});
