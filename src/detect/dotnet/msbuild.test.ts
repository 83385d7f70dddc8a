import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { testdir } from '../../../test/helpers.js';
import { projectClosure, property, readProject } from './msbuild.js';
import { parseTargetFramework } from './runtime.js';
import { readSolution, solutionFor } from './solution.js';

describe('MSBuild project files', () => {
  it('merges Directory.Build.props under the project and resolves $(…) references', () => {
    const repo = RepoFs.open(testdir({
      'Directory.Build.props': '<Project>\n  <PropertyGroup>\n    <Company>Acme</Company>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n',
      'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <AssemblyName>$(Company).Api</AssemblyName>\n  </PropertyGroup>\n  <PropertyGroup Condition="\'$(Configuration)\' == \'Debug\'">\n    <AssemblyName>Debug.Api</AssemblyName>\n  </PropertyGroup>\n  <ItemGroup>\n    <ProjectReference Include="..\\Core\\Core.csproj" />\n  </ItemGroup>\n</Project>\n',
      'src/Core/Core.csproj': '<Project Sdk="Microsoft.NET.Sdk">\n  <ItemGroup>\n    <ProjectReference Include="../Domain/Domain.csproj" />\n    <PackageReference Include="Npgsql" />\n  </ItemGroup>\n</Project>\n',
      'src/Domain/Domain.csproj': '<Project Sdk="Microsoft.NET.Sdk" />',
    }));
    const api = readProject(repo, 'src/Api/Api.csproj')!;
    expect(api.sdk).toBe('Microsoft.NET.Sdk.Web');
    expect(property(api, 'AssemblyName')).toEqual({ value: 'Acme.Api', file: 'src/Api/Api.csproj', line: 3 });
    expect(property(api, 'TargetFramework')).toEqual({ value: 'net8.0', file: 'Directory.Build.props', line: 4 });
    expect(api.projectRefs).toEqual(['src/Core/Core.csproj']);
    expect(projectClosure(repo, api).map((p) => p.file)).toEqual(['src/Core/Core.csproj', 'src/Domain/Domain.csproj']);
  });

  it('parses target framework monikers', () => {
    expect(parseTargetFramework('net8.0')).toEqual({ version: '8.0', major: 8, platform: null });
    expect(parseTargetFramework('netcoreapp3.1')).toEqual({ version: '3.1', major: 3, platform: null });
    expect(parseTargetFramework('net9.0-windows')).toEqual({ version: '9.0', major: 9, platform: 'windows' });
    expect(parseTargetFramework('net48')).toBeNull();
    expect(parseTargetFramework('netstandard2.0')).toBeNull();
  });
});

describe('solutions', () => {
  it('reads .sln project entries (backslash paths) and skips solution folders', () => {
    const repo = RepoFs.open(testdir({
      'App.sln': 'Microsoft Visual Studio Solution File, Format Version 12.00\nProject("{2150E333-8FDC-42A3-9474-1A3956D46DE8}") = "src", "src", "{A}"\nEndProject\nProject("{9A19103F-16F7-4668-BE54-9A1E7A4F7556}") = "Api", "src\\Api\\Api.csproj", "{B}"\nEndProject\n',
      'src/Api/Api.csproj': '<Project Sdk="Microsoft.NET.Sdk.Web" />',
    }));
    expect(readSolution(repo, 'App.sln')).toEqual({ file: 'App.sln', dir: '', projects: ['src/Api/Api.csproj'] });
    expect(solutionFor(repo, 'src/Api/Api.csproj')?.file).toBe('App.sln');
  });

  it('reads .slnx projects inside folders', () => {
    const repo = RepoFs.open(testdir({ 'App.slnx': '<Solution>\n  <Folder Name="/src/">\n    <Project Path="src/Api/Api.csproj" />\n    <Project Path="src/Lib/Lib.fsproj" />\n  </Folder>\n  <Project Path="tools/Gen.csproj" />\n</Solution>\n' }));
    expect(readSolution(repo, 'App.slnx')?.projects).toEqual(['src/Api/Api.csproj', 'src/Lib/Lib.fsproj', 'tools/Gen.csproj']);
  });
});
