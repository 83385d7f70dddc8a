/**
 * .NET runtime version: the TargetFramework(s) the project builds for (net8.0 → '8.0', the highest
 * of several), from the project or Directory.Build.props; global.json's SDK pin is evidence and the
 * fallback; then .tool-versions / mise.toml; then the default with a warning.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { lineOf } from '../shared/text.js';
import { DEFAULT_VERSIONS, toolVersion } from '../shared/versions.js';
import { nearest, property, type MsBuildProject } from './msbuild.js';

/** 'net8.0' → {version '8.0', major 8}; 'netcoreapp3.1' → '3.1'; 'net48' / 'netstandard2.0' → null. */
export function parseTargetFramework(tfm: string): { version: string; major: number; platform: string | null } | null {
  const m = /^net(?:coreapp)?(\d+)\.(\d+)(?:-(\w+))?/i.exec(tfm.trim());
  if (!m) return null;
  const major = Number(m[1]);
  return { version: `${major}.${m[2]}`, major, platform: m[3] ?? null };
}

/** Sets service.runtime and returns the major version (null when unknown). */
export function applyRuntime(repo: RepoFs, service: ServicePlan, project: MsBuildProject): number | null {
  const global = nearest(repo, project.dir, 'global.json');
  const globalData = global ? repo.readJsonc(global) : null;
  const sdk = (globalData as { sdk?: { version?: unknown } } | null)?.sdk?.version;
  const sdkVersion = typeof sdk === 'string' ? sdk : null;
  if (global && sdkVersion) addEvidence(service, 'runtime', global, `global.json pins the .NET SDK ${sdkVersion}`, lineOf(repo.readText(global) ?? '', '"version"'));

  const single = property(project, 'TargetFramework');
  const multi = property(project, 'TargetFrameworks');
  const source = single ?? multi;
  if (source) {
    const frameworks = source.value.split(';').map((t) => t.trim()).filter((t) => t !== '');
    const parsed = frameworks.map((t) => ({ tfm: t, info: parseTargetFramework(t) })).filter((x) => x.info !== null);
    const best = parsed.sort((a, b) => b.info!.major - a.info!.major || Number(b.info!.version.split('.')[1]) - Number(a.info!.version.split('.')[1]))[0];
    if (best?.info) {
      service.runtime = { name: 'dotnet', version: best.info.version, source: source.file };
      addEvidence(service, 'runtime', source.file, `${single ? 'TargetFramework' : 'TargetFrameworks'} ${source.value}`, source.line);
      if (best.info.platform && best.info.platform !== 'linux') {
        addWarning(service, `TargetFramework ${best.tfm} targets ${best.info.platform}: it will not run in a Linux container.`);
      }
      if (best.info.major < 8) addWarning(service, `.NET ${best.info.version} is out of support; plan an upgrade to .NET 8 or later.`);
      return best.info.major;
    }
    if (frameworks.some((t) => /^net\d{2,3}$|^netstandard/i.test(t))) {
      addWarning(service, `TargetFramework ${source.value} is .NET Framework / .NET Standard, which has no Linux runtime image; devsquad assumes .NET ${DEFAULT_VERSIONS.dotnet}.`);
    }
  }
  const fromSdk = sdkVersion ? /^(\d+)\.(\d+)/.exec(sdkVersion) : null;
  if (fromSdk && global) {
    service.runtime = { name: 'dotnet', version: `${fromSdk[1]}.${fromSdk[2]}`, source: global };
    return Number(fromSdk[1]);
  }
  const tool = toolVersion(repo, project.dir, ['dotnet', 'dotnet-core']);
  const fromTool = tool ? /^(\d+)\.(\d+)/.exec(tool.version) : null;
  if (tool && fromTool) {
    service.runtime = { name: 'dotnet', version: `${fromTool[1]}.${fromTool[2]}`, source: tool.file };
    addEvidence(service, 'runtime', tool.file, `dotnet ${tool.version}`, tool.line);
    return Number(fromTool[1]);
  }
  service.runtime = { name: 'dotnet', version: DEFAULT_VERSIONS.dotnet, source: 'default' };
  addWarning(service, `No TargetFramework or global.json SDK version found; using .NET ${DEFAULT_VERSIONS.dotnet}.`);
  return null;
}
