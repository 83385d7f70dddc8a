import { describe, expect, it } from 'vitest';
import { parse } from '@ast-grep/napi';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { testdir } from '../../../test/helpers.js';
import { checkSource } from '../../validate/source-code.js';
import { codeScanner } from './index.js';
import { dynamicGrammar, ensureLanguages } from './languages.js';

async function scan(files: Record<string, string>) {
  const root = testdir(files);
  return codeScanner.scan(new RepoFs(root), { root });
}

const GO_MOD = 'module example.com/shop\n\ngo 1.22\n';

describe('code scanner: Go', () => {
  it('registers python, go, java and php once, so the scanner and the generated-code parse check both work in one process', async () => {
    ensureLanguages();
    const out = await scan({ 'requirements.txt': 'flask\n', 'app.py': 'import os\nfrom flask import request\n\ndef run():\n    os.system(request.args["c"])\n' });
    expect(out.findings.map((f) => f.ruleId)).toContain('DSQ-PY-0002');
    // Before the shared registration, the Go check was skipped whenever the scanner had registered Python first.
    expect(checkSource('main.go', 'package main\nfunc main() {\n')).not.toEqual([]);
    expect(checkSource('main.go', 'package main\n\nfunc main() {}\n')).toEqual([]);
    expect(checkSource('app.py', 'def f(:\n')).not.toEqual([]);
    for (const lang of ['python', 'go', 'java', 'php'] as const) expect(dynamicGrammar(lang)).toBe(lang);
    expect(parse('java', 'class A { void f() {} }').root().kind()).toBe('program');
    expect(parse('php', '<?php echo 1;').root().kind()).toBe('program');
  });

  it('follows request data into a function of another file of the same package', async () => {
    const out = await scan({
      'go.mod': GO_MOD,
      'handlers.go': 'package main\n\nimport "net/http"\n\nfunc user(w http.ResponseWriter, r *http.Request) {\n\tfindUser(r.URL.Query().Get("name"))\n}\n',
      'store.go': 'package main\n\nfunc findUser(name string) {\n\tdb.Query("SELECT * FROM users WHERE name = \'" + name + "\'")\n}\n\nfunc safe(id string) {\n\tdb.Query("SELECT 1 WHERE id = $1", id)\n}\n',
      'store_test.go': 'package main\n\nfunc TestX() { db.Query("x" + y) }\n',
    });
    const sql = out.findings.filter((f) => f.ruleId === 'DSQ-GO-0001');
    expect(sql.map((f) => [f.location.file, f.location.line, f.cwe, f.owasp])).toEqual([['store.go', 4, ['CWE-89'], 'A03:2021']]);
    expect(sql[0]!.message).toContain('handlers.go:6');
    expect(out.scanned).toBe(2);
  });

  it('follows request data into an imported package of the same module (go.mod module path)', async () => {
    const out = await scan({
      'svc/go.mod': GO_MOD,
      'svc/cmd/api/main.go': 'package main\n\nimport (\n\t"github.com/gin-gonic/gin"\n\t"example.com/shop/internal/files"\n)\n\nfunc get(c *gin.Context) {\n\tfiles.Read(c.Param("name"))\n\tfiles.Read("static.txt")\n}\n',
      'svc/internal/files/files.go': 'package files\n\nimport (\n\t"os"\n\t"path/filepath"\n)\n\nfunc Read(name string) ([]byte, error) {\n\treturn os.ReadFile(filepath.Join("/data", name))\n}\n',
    });
    const found = out.findings.filter((f) => f.ruleId === 'DSQ-GO-0003');
    expect(found.map((f) => [f.location.file, f.location.line])).toEqual([['svc/internal/files/files.go', 9]]);
    expect(found[0]!.message).toContain('svc/cmd/api/main.go:9');
  });

  it('tracks gin/echo/fiber binds and json.Decode into structs, and stops at sanitizers', async () => {
    const out = await scan({
      'go.mod': GO_MOD,
      'api.go': [
        'package main',
        '',
        'func create(w http.ResponseWriter, r *http.Request) {',
        '\tvar in struct{ Cmd string }',
        '\tjson.NewDecoder(r.Body).Decode(&in)',
        '\texec.Command("sh", "-c", in.Cmd).Run()',
        '\tn, _ := strconv.Atoi(r.FormValue("n"))',
        '\tdb.Exec(fmt.Sprintf("DELETE FROM t LIMIT %d", n))',
        '}',
        '',
        'func upload(c *fiber.Ctx) error {',
        '\tvar p Profile',
        '\tif err := c.BodyParser(&p); err != nil {',
        '\t\treturn err',
        '\t}',
        '\treturn c.Redirect(p.Website)',
        '}',
        '',
      ].join('\n'),
    });
    expect(out.findings.map((f) => `${f.ruleId}:${f.location.line}`).filter((s) => !s.startsWith('DSQ-GO-0016'))).toEqual(['DSQ-GO-0002:6', 'DSQ-GO-0005:16']);
  });
});
