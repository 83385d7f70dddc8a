import { createRequire } from 'node:module';
import type TypeScript from 'typescript';
import { describe, expect, it } from 'vitest';
import { loopTurnsDuring } from '../../test/helpers.js';
import { typescriptLoaded } from '../core/typescript.js';
import { prewarmTypeScript, runTypeScriptJob, transpileToCommonJs, typescriptReady, typescriptSyntaxProblems } from './typescript-jobs.js';

const MODULE = `import { metrics } from './metrics.js';
export interface Options { port: number }
export function start(options: Options): string {
  return \`listening on \${options.port} with \${metrics.length} metrics\`;
}
`;
const BROKEN = 'export function f(a: number {\n  return a;\n}\n';

describe('TypeScript jobs on the worker thread', () => {
  it('lets this thread work while the worker loads the compiler (typescriptReady)', async () => {
    prewarmTypeScript();
    expect(await loopTurnsDuring(typescriptReady())).toBeGreaterThan(0);
    expect(typescriptLoaded()).toBe(false);
    expect(transpileToCommonJs(MODULE)).toContain('exports.start = start;');
  });

  it('answers from the worker after a prewarm, the same as this thread would, without loading the compiler here', () => {
    prewarmTypeScript();
    const viaWorker = transpileToCommonJs(MODULE);
    const problemsViaWorker = typescriptSyntaxProblems('src/f.ts', BROKEN, 3);
    const cleanViaWorker = typescriptSyntaxProblems('src/ok.ts', MODULE, 3);
    expect(typescriptLoaded()).toBe(false);

    const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
    const local = runTypeScriptJob(ts, { type: 'ts-transpile', source: MODULE, module: 'CommonJS', target: 'ES2022', esModuleInterop: true, removeComments: false });
    expect(viaWorker).toBe(local);
    expect(viaWorker).toContain('exports.start = start;');
    expect(viaWorker).not.toContain('interface Options');
    expect(problemsViaWorker).toEqual(runTypeScriptJob(ts, { type: 'ts-parse', path: 'src/f.ts', content: BROKEN, scriptKind: 3 }));
    expect(problemsViaWorker[0]).toMatchObject({ line: 1, message: "',' expected." });
    expect(cleanViaWorker).toEqual([]);
  });
});
