/**
 * Writes a synthetic pnpm + Turborepo monorepo: `services` Express/Fastify services and a few shared
 * packages, `totalFiles` files in all (sources, tests, fixtures), so the benchmark measures a
 * repository the size of a real platform team's.
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeLargeMonorepo(root, { services = 200, totalFiles = 20_000 } = {}) {
  const write = (rel, content) => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  };
  let files = 0;
  const add = (rel, content) => {
    write(rel, content);
    files++;
  };
  add('package.json', JSON.stringify({ name: 'platform', private: true, packageManager: 'pnpm@9.12.0', devDependencies: { turbo: '^2.3.0' } }, null, 2));
  add('pnpm-workspace.yaml', 'packages:\n  - "apps/*"\n  - "packages/*"\n');
  add('pnpm-lock.yaml', "lockfileVersion: '9.0'\n");
  add('turbo.json', JSON.stringify({ tasks: { build: { dependsOn: ['^build'], outputs: ['dist/**'] } } }));
  add('.nvmrc', '22.11\n');
  for (const lib of ['logger', 'config', 'db']) {
    add(`packages/${lib}/package.json`, JSON.stringify({ name: `@platform/${lib}`, version: '1.0.0', main: 'dist/index.js', scripts: { build: 'tsc' } }, null, 2));
    add(`packages/${lib}/src/index.ts`, `export const ${lib} = {};\n`);
  }
  const perService = Math.max(4, Math.floor((totalFiles - files) / services));
  for (let i = 0; i < services; i++) {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const dir = `apps/${name}`;
    const fastify = i % 2 === 1;
    add(`${dir}/package.json`, JSON.stringify({
      name: `@platform/${name}`,
      version: '1.0.0',
      scripts: { build: 'tsc -p tsconfig.json', start: 'node dist/main.js' },
      dependencies: { [fastify ? 'fastify' : 'express']: fastify ? '^5.1.0' : '^4.21.1', pg: '^8.13.1', '@platform/logger': 'workspace:*', '@platform/db': 'workspace:*' },
      devDependencies: { typescript: '^5.6.3' },
    }, null, 2));
    add(`${dir}/tsconfig.json`, JSON.stringify({ compilerOptions: { outDir: 'dist', rootDir: 'src' } }));
    add(`${dir}/src/main.ts`, fastify
      ? `import Fastify from 'fastify';\nconst app = Fastify();\napp.get('/healthz', async () => ({ ok: true }));\nconst db = process.env.DATABASE_URL;\napp.listen({ port: Number(process.env.PORT ?? ${3000 + i}), host: '0.0.0.0' });\n`
      : `import express from 'express';\nconst app = express();\napp.get('/health', (_q, r) => r.send('ok'));\nconst db = process.env.DATABASE_URL;\napp.listen(process.env.PORT || ${3000 + i});\n`);
    for (let f = 3; f < perService; f++) {
      const rel = f % 3 === 0 ? `${dir}/test/case-${f}.test.ts` : `${dir}/src/routes/route-${f}.ts`;
      add(rel, `export function handler${f}(input: string): string {\n  return input.repeat(${f % 7});\n}\n`);
    }
  }
  return { files, services };
}
