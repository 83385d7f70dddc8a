/** `ruleid:` / `ok:` annotations in rule test files (also used by the benchmark). */
import fs from 'node:fs';

const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.py', '.go', '.java', '.php'];

/** The annotated test file beside a rule (same base name, a source extension). */
export function testFileFor(yamlPath: string): string | null {
  const base = yamlPath.replace(/\.yaml$/, '');
  for (const ext of EXTENSIONS) if (fs.existsSync(base + ext)) return base + ext;
  return null;
}

/** 1-based lines of the code each annotation points at (the next non-comment, non-blank line). */
export function annotations(text: string, ruleId: string): { ruleid: number[]; ok: number[] } {
  const lines = text.split('\n');
  const out = { ruleid: [] as number[], ok: [] as number[] };
  const re = /(?:\/\/|#|\{\/\*)\s*(ruleid|ok):\s*([\w-]+(?:\s*,\s*[\w-]+)*)/;
  lines.forEach((line, i) => {
    const m = re.exec(line);
    if (!m || !m[2]!.split(/\s*,\s*/).includes(ruleId)) return;
    let j = i + 1;
    while (j < lines.length && (/^\s*$/.test(lines[j]!) || re.test(lines[j]!))) j++;
    out[m[1] as 'ruleid' | 'ok'].push(j + 1);
  });
  return out;
}
