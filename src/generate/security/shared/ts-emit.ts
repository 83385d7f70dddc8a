/**
 * TypeScript or JavaScript: a TypeScript service gets the `.ts` sources as written; a JavaScript one
 * gets CommonJS `.cjs` modules (requireable from CommonJS, importable from ESM, whatever the package's
 * "type") and `.test.mjs` tests, transpiled here with the TypeScript compiler so both say the same.
 */
import { typescript } from '../../../core/typescript.js';
import type { ServicePlan } from '../../../plan/schema.js';

export interface TsSource {
  /** Base name without extension: 'headers', 'headers.test'. */
  name: string;
  code: string;
  test?: boolean;
}

export interface EmittedSource {
  file: string;
  code: string;
}

export function isTypeScript(service: ServicePlan): boolean {
  return service.build.features.includes('typescript') || service.framework === 'nestjs' || service.framework === 'nextjs';
}

/** Local imports are written `./name.js`; in JavaScript output they point at the `.cjs` modules. */
function relink(code: string, modules: readonly string[]): string {
  let out = code;
  for (const name of modules) out = out.split(`'./${name}.js'`).join(`'./${name}.cjs'`);
  return out;
}

export function emitSources(service: ServicePlan, sources: readonly TsSource[], header: string): EmittedSource[] {
  const ts = typescript();
  if (isTypeScript(service)) return sources.map((s) => ({ file: `${s.name}.ts`, code: `${header}\n${s.code}` }));
  const modules = sources.filter((s) => !s.test).map((s) => s.name);
  return sources.map((s) => {
    const output = ts.transpileModule(relink(s.code, modules), {
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: s.test ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
        esModuleInterop: true,
        removeComments: false,
        newLine: ts.NewLineKind.LineFeed,
      },
      reportDiagnostics: false,
    }).outputText;
    return { file: s.test ? `${s.name}.mjs` : `${s.name}.cjs`, code: `${header}\n${output}` };
  });
}
