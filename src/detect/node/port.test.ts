import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';
import type { FileSpec } from '../../../test/helpers.js';

function serviceWith(files: Record<string, FileSpec>, start = 'node index.js'): ReturnType<typeof onlyService> {
  return onlyService({ 'package.json': { name: 'svc', scripts: { start }, dependencies: { express: '^4.21.1' } }, 'package-lock.json': '{}', ...files });
}

const header = "const express = require('express');\nconst app = express();\n";

describe('Node port detection', () => {
  it('app.listen(3000)', () => {
    const s = serviceWith({ 'index.js': `${header}app.listen(3000);\n` });
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'index.js', line: 3, note: 'app.listen(3000);' });
  });

  it('process.env.PORT || 3000 inline', () => {
    expect(serviceWith({ 'index.js': `${header}app.listen(process.env.PORT || 3000);\n` }).port).toMatchObject({ value: 3000, envVar: 'PORT' });
  });

  it("process.env['PORT'] and Number(… ?? 8080)", () => {
    expect(serviceWith({ 'index.js': `${header}app.listen(Number(process.env['PORT'] ?? 8080));\n` }).port).toMatchObject({ value: 8080, envVar: 'PORT' });
  });

  it('const PORT = process.env.PORT || 4000 then listen(PORT, callback)', () => {
    const s = serviceWith({ 'index.js': `${header}const PORT = process.env.PORT || 4000;\napp.listen(PORT, () => console.log(PORT));\n` });
    expect(s.port).toMatchObject({ value: 4000, envVar: 'PORT' });
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toBe('app.listen(PORT, () => console.log(PORT)); with const PORT = process.env.PORT || 4000; (line 3)');
  });

  it('server.listen(port, host) with a loopback host is a warning', () => {
    const s = serviceWith({ 'index.js': `${header}const host = '127.0.0.1';\nconst port = 3000;\nrequire('http').createServer(app).listen(port, host);\n` });
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: '127.0.0.1' });
    expect(s.warnings.join('\n')).toMatch(/index\.js:5 binds to 127\.0\.0\.1/);
  });

  it('a ternary over process.env.PORT', () => {
    expect(serviceWith({ 'index.js': `${header}const port = process.env.PORT ? parseInt(process.env.PORT, 10) : 5000;\napp.listen(port);\n` }).port).toMatchObject({ value: 5000, envVar: 'PORT' });
  });

  it('a destructured env default: const { PORT = 7000 } = process.env', () => {
    expect(serviceWith({ 'index.js': `${header}const { PORT = 7000, DATABASE_URL } = process.env;\napp.listen(PORT);\n` }).port).toMatchObject({ value: 7000, envVar: 'PORT' });
  });

  it('a port constant exported from another file', () => {
    const s = serviceWith({
      'src/config.js': "export const HTTP_PORT = Number(process.env.HTTP_PORT ?? 9090);\n",
      'src/index.js': `import { HTTP_PORT } from './config.js';\n${header}app.listen(HTTP_PORT);\n`,
    }, 'node src/index.js');
    expect(s.port).toMatchObject({ value: 9090, envVar: 'HTTP_PORT' });
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toMatch(/src\/config\.js:1/);
  });

  it('a zod env schema default: PORT: z.coerce.number().default(3333)', () => {
    const s = serviceWith({
      'src/env.ts': "import { z } from 'zod';\nexport const env = z.object({\n  DATABASE_URL: z.string().url(),\n  PORT: z.coerce.number().default(3333),\n}).parse(process.env);\n",
      'src/index.ts': `import { env } from './env';\n${header}app.listen(env.PORT);\n`,
    }, 'tsx src/index.ts');
    expect(s.port).toMatchObject({ value: 3333, envVar: 'PORT' });
  });

  it('a convict-style config: { format: "port", default: 8088, env: "APP_PORT" }', () => {
    const s = serviceWith({
      'config.js': "module.exports = convict({\n  port: { doc: 'HTTP port', format: 'port', default: 8088, env: 'APP_PORT' },\n});\n",
      'index.js': `${header}const config = require('./config');\napp.listen(config.get('port'));\n`,
    });
    expect(s.port).toMatchObject({ value: 8088, envVar: 'APP_PORT' });
  });

  it('PORT read without a default takes .env.example', () => {
    const s = serviceWith({ 'index.js': `${header}app.listen(process.env.PORT);\n`, '.env.example': 'PORT=5055\n' });
    expect(s.port).toMatchObject({ value: 5055, envVar: 'PORT' });
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toMatch(/PORT defaults to 5055 \(\.env\.example:1\)/);
  });

  it('PORT read without any default: 3000 with the env var set in the image', () => {
    const s = serviceWith({ 'index.js': `${header}app.listen(process.env.PORT);\n` });
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toMatch(/no default in the code/);
  });

  it('PORT=4100 in the start script overrides the code default', () => {
    const s = serviceWith({ 'index.js': `${header}app.listen(process.env.PORT || 3000);\n` }, 'PORT=4100 node index.js');
    expect(s.commands.start).toBe('node index.js');
    expect(s.port).toMatchObject({ value: 4100, envVar: 'PORT' });
  });

  it('an unresolvable listen argument falls back to a process.env.PORT default elsewhere', () => {
    const s = serviceWith({
      'index.js': `${header}const settings = require('./settings');\napp.listen(settings.http.listenPort);\n`,
      'settings.js': "const port = process.env.PORT || 6060;\nmodule.exports = { http: { listenPort: compute(port) } };\n",
    });
    expect(s.port).toMatchObject({ value: 6060, envVar: 'PORT' });
  });

  it('fastify.listen({ port, host }) with shorthand properties', () => {
    const s = onlyService({
      'package.json': { name: 'f', scripts: { start: 'node server.mjs' }, dependencies: { fastify: '^5.1.0' } },
      'server.mjs': "import Fastify from 'fastify';\nconst app = Fastify();\nconst port = +(process.env.PORT ?? 3100);\nconst host = '0.0.0.0';\nawait app.listen({ port, host });\n",
    });
    expect(s.port).toEqual({ value: 3100, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(s.warnings.filter((w) => /binds to/.test(w))).toEqual([]);
  });

  it('Nest app.listen(process.env.PORT ?? 3000)', () => {
    const s = onlyService({
      'package.json': { name: 'n', scripts: { build: 'nest build', 'start:prod': 'node dist/main' }, dependencies: { '@nestjs/core': '^10.4.7' } },
      'src/main.ts': 'async function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(process.env.PORT ?? 3000);\n}\n',
    });
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
  });

  it('socket.io style io.listen(server) is not a port', () => {
    const s = serviceWith({ 'index.js': `${header}const server = require('http').createServer(app);\nio.listen(server);\nserver.listen(4444);\n` });
    expect(s.port.value).toBe(4444);
  });

  it('commented-out listen calls are ignored', () => {
    const s = serviceWith({ 'index.js': `${header}// app.listen(9999);\n/* app.listen(8888) */\napp.listen(3210);\n` });
    expect(s.port.value).toBe(3210);
  });
});
