import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { testdir } from '../../../test/helpers.js';
import { codeScanner } from './index.js';

async function scan(files: Record<string, string | Record<string, unknown>>) {
  const root = testdir(files);
  return codeScanner.scan(new RepoFs(root), { root });
}

describe('code scanner', () => {
  it('follows request data into a function imported from another module (JS)', async () => {
    const out = await scan({
      'package.json': { name: 'api', dependencies: { express: '^4.19.2' } },
      'src/db.js': "const pool = require('./pool');\nexports.findUser = function findUser(name) {\n  return pool.query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");\n};\nexports.safe = function safe(id) {\n  return pool.query('SELECT 1 WHERE id = $1', [id]);\n};\n",
      'src/routes.js': "const { findUser, safe } = require('./db');\nmodule.exports = (app) => {\n  app.get('/u', async (req, res) => {\n    res.json(await findUser(req.query.name));\n    res.json(await safe(req.query.id));\n  });\n};\n",
    });
    const sql = out.findings.filter((f) => f.ruleId === 'DSQ-JS-0001');
    expect(sql).toHaveLength(1);
    expect(sql[0]).toMatchObject({ category: 'code', owasp: 'A03:2021', cwe: ['CWE-89'], location: { file: 'src/db.js', line: 3, column: 10 } });
    expect(sql[0]!.message).toContain('src/routes.js:4');
  });

  it('follows request data across Python modules (relative import)', async () => {
    const out = await scan({
      'requirements.txt': 'flask==3.0.3\n',
      'app/repo.py': 'def get_user(cur, name):\n    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n',
      'app/views.py': 'from flask import request\nfrom .repo import get_user\n\n\ndef user(cur):\n    get_user(cur, request.args["name"])\n',
    });
    expect(out.findings.map((f) => [f.ruleId, f.location.file, f.location.line])).toContainEqual(['DSQ-PY-0001', 'app/repo.py', 2]);
  });

  it('treats NestJS decorated parameters and FastAPI route parameters as request data', async () => {
    const out = await scan({
      'package.json': { name: 'nest' },
      'src/users.controller.ts': "import { Controller, Get, Query } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  find(@Query('name') name: string) {\n    return this.db.query(`SELECT * FROM users WHERE name = '${name}'`);\n  }\n}\n",
      'api/main.py': 'from fastapi import FastAPI, Depends\nimport os\napp = FastAPI()\n\n\n@app.get("/run")\ndef run(cmd: str, db=Depends(get_db)):\n    os.system("echo " + cmd)\n',
    });
    const ids = out.findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.line}`);
    expect(out.problems).toEqual([]);
    expect(ids).toContain('DSQ-JS-0001@src/users.controller.ts:6');
    expect(ids).toContain('DSQ-PY-0002@api/main.py:8');
  });

  it('resolves missing controls across the files of one app and reports each once at the app creation', async () => {
    const out = await scan({
      'package.json': { name: 'web' },
      'src/app.js': "const express = require('express');\nconst security = require('./security');\nconst app = express();\nsecurity(app);\nmodule.exports = app;\n",
      'src/security.js': "const helmet = require('helmet');\nmodule.exports = (app) => app.use(helmet());\n",
    });
    const controls = out.findings.filter((f) => ['DSQ-JS-0028', 'DSQ-JS-0029'].includes(f.ruleId));
    expect(controls.map((f) => [f.ruleId, f.location.file, f.location.line, f.confidence])).toEqual([['DSQ-JS-0029', 'src/app.js', 3, 'medium']]);
  });

  it('keeps fingerprints stable when lines move, and skips vendored, minified and test files', async () => {
    const body = "app.get('/a', (req, res) => { eval(req.query.code); });\n";
    const a = await scan({ 'package.json': { name: 'x' }, 'index.js': body, 'node_modules/x/index.js': body, 'public/app.min.js': body, 'index.test.js': body });
    const b = await scan({ 'package.json': { name: 'x' }, 'index.js': `// a comment\n\n${body}` });
    const fa = a.findings.filter((f) => f.ruleId === 'DSQ-JS-0004');
    const fb = b.findings.filter((f) => f.ruleId === 'DSQ-JS-0004');
    expect(fa.map((f) => f.location.file)).toEqual(['index.js']);
    expect(fb[0]!.location.line).toBe(3);
    expect(fb[0]!.fingerprint).toBe(fa[0]!.fingerprint);
    expect(a.scanned).toBe(1);
  });
});
