import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { testdir } from '../../../test/helpers.js';
import { codeScanner } from './index.js';

async function scan(files: Record<string, string>) {
  const root = testdir(files);
  return codeScanner.scan(new RepoFs(root), { root });
}

const ids = (out: Awaited<ReturnType<typeof scan>>) => out.findings.map((f) => `${f.ruleId}:${f.location.file}:${f.location.line}`);

describe('code scanner: Java (Spring)', () => {
  it('follows a @RequestParam into a private helper of the same class, and skips src/test', async () => {
    const controller = [
      'package com.example.shop;',
      '',
      '@RestController',
      'class OrderController {',
      '    @GetMapping("/orders")',
      '    List<Order> list(@RequestParam String status, @RequestParam int page) {',
      '        return find(status);',
      '    }',
      '',
      '    private List<Order> find(String status) {',
      '        return jdbcTemplate.queryForList("SELECT * FROM orders WHERE status = \'" + status + "\'");',
      '    }',
      '',
      '    @GetMapping("/count")',
      '    int count(@RequestParam int page) {',
      '        return jdbcTemplate.queryForObject("SELECT COUNT(*) FROM orders LIMIT " + page, Integer.class);',
      '    }',
      '}',
      '',
    ].join('\n');
    const out = await scan({
      'pom.xml': '<project><artifactId>shop</artifactId></project>\n',
      'src/main/java/com/example/shop/OrderController.java': controller,
      'src/test/java/com/example/shop/OrderControllerTest.java': 'class T { void t(HttpServletRequest req) throws Exception { Runtime.getRuntime().exec(req.getParameter("x")); } }\n',
    });
    const sql = out.findings.filter((f) => f.ruleId === 'DSQ-JAVA-0001');
    // `page` is an int: concatenating it is not injectable, and only the helper's query is reported.
    expect(sql.map((f) => [f.location.file, f.location.line, f.cwe, f.owasp])).toEqual([
      ['src/main/java/com/example/shop/OrderController.java', 11, ['CWE-89'], 'A03:2021'],
    ]);
    expect(sql[0]!.message).toContain('line 7');
    expect(out.scanned).toBe(1);
  });

  it('reports servlet request data in a command, and Spring Security CSRF disabled', async () => {
    const out = await scan({
      'build.gradle': 'plugins { id "java" }\n',
      'Ops.java': 'class Ops {\n  void run(HttpServletRequest request) throws Exception {\n    String h = request.getHeader("X-Host").trim();\n    new ProcessBuilder("ping", h).start();\n  }\n}\n',
      'Security.java': 'class Security {\n  SecurityFilterChain chain(HttpSecurity http) throws Exception {\n    http.csrf(AbstractHttpConfigurer::disable);\n    return http.build();\n  }\n}\n',
    });
    expect(ids(out)).toEqual(['DSQ-JAVA-0002:Ops.java:4', 'DSQ-JAVA-0012:Security.java:3']);
  });
});

describe('code scanner: PHP', () => {
  it('tracks superglobals and Laravel request data through interpolation, and stops at casts and escaping', async () => {
    const out = await scan({
      'composer.json': '{"require":{"laravel/framework":"^11.0"}}\n',
      'public/search.php': [
        '<?php',
        '$term = trim($_GET["q"]);',
        '$sql = "SELECT * FROM posts WHERE title LIKE \'%$term%\'";',
        '$rows = $mysqli->query($sql);',
        'echo "<p>" . htmlspecialchars($term) . "</p>";',
        '$page = (int) $_GET["page"];',
        '$mysqli->query("SELECT * FROM posts LIMIT 10 OFFSET $page");',
        '',
      ].join('\n'),
      'app/Http/Controllers/ExportController.php': [
        '<?php',
        'class ExportController extends Controller',
        '{',
        '    public function run(Request $request)',
        '    {',
        '        $format = $request->input("format");',
        '        return shell_exec("export --format " . $format);',
        '    }',
        '}',
        '',
      ].join('\n'),
      'tests/Feature/ExportTest.php': '<?php\nshell_exec($_GET["x"]);\n',
    });
    expect(ids(out)).toEqual(['DSQ-PHP-0002:app/Http/Controllers/ExportController.php:7', 'DSQ-PHP-0001:public/search.php:4']);
    expect(out.scanned).toBe(2);
  });
});
