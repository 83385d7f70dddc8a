/**
 * The CI test command of a .NET service (commands.test): `dotnet test` on the repo's test projects
 * (those referencing Microsoft.NET.Test.Sdk or marked IsTestProject) anywhere in the repository:
 * test projects usually sit beside the app (Api/ and Api.Tests/), outside its build context. Paths
 * are relative to the build context, where CI runs the command.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import { lineOf } from '../shared/text.js';

const TEST_PROJECT = /Microsoft\.NET\.Test\.Sdk|<IsTestProject>\s*true/i;

export function applyChecks(repo: RepoFs, service: ServicePlan): void {
  const context = service.build.context;
  const projects = repo.glob('**/*.{csproj,fsproj,vbproj}').sort();
  const tests = projects.filter((file) => TEST_PROJECT.test(repo.readText(file) ?? '')).slice(0, 4);
  if (tests.length === 0) return;
  const rel = (file: string): string => {
    const from = context === '' ? [] : context.split('/');
    const to = file.split('/');
    let common = 0;
    while (common < from.length && from[common] === to[common]) common++;
    return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
  };
  service.commands.test = tests.map((file) => `dotnet test ${rel(file)}`).join(' && ');
  for (const file of tests) addEvidence(service, 'test', file, 'test project (Microsoft.NET.Test.Sdk)', lineOf(repo.readText(file) ?? '', TEST_PROJECT));
}
