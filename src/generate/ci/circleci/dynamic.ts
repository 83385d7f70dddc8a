/**
 * CircleCI dynamic configuration for monorepos. CircleCI has no per-job path filter: a pipeline
 * starts from `.circleci/config.yml`, so that file becomes a setup workflow (`setup: true`) whose
 * only job is the path-filtering orb's `filter`. It diffs the commit against the default branch
 * (against the previous commit on the default branch itself), sets `run-<service>` to true for
 * every service whose paths changed, and continues the pipeline with `.circleci/continue_config.yml`.
 *
 * The paths are the model's (`ServicePipeline.paths`: the service directory, the workspace packages
 * it needs, its lockfile and Dockerfile), the same list GitHub's `paths:` and GitLab's
 * `rules:changes` use, plus the two CircleCI files themselves.
 */
import type { Pipeline } from '../model.js';

type Json = Record<string, unknown>;

export const CIRCLECI_PATH = '.circleci/config.yml';
export const CIRCLECI_CONTINUE_PATH = '.circleci/continue_config.yml';

/** Pinned: an orb version is immutable once published (`@2` would float to new releases). */
export const PATH_FILTERING_ORB = 'circleci/path-filtering@2.1.0';

/** The pipeline parameter that gates a service's workflow: `run-api`. */
export function parameterName(service: string): string {
  return `run-${service.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/**
 * A path glob of the model as the regular expression the orb matches (grep -P, anchored at both
 * ends): `apps/api/**` → `apps/api/.*`, `pnpm-lock.yaml` → `pnpm-lock\.yaml`.
 */
export function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === '*') {
      if (glob[i + 1] === '*') {
        out += '.*';
        i++;
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === ' ') {
      // The orb splits mapping lines on whitespace.
      out += '\\x20';
    } else {
      out += /[.^$+(){}[\]|\\]/.test(char) ? `\\${char}` : char;
    }
  }
  return out;
}

/** The orb's mapping: `<path regex> <parameter> true`, one line per path, grouped by service. */
export function pathMapping(pipeline: Pipeline): string[] {
  const lines: string[] = [];
  for (const service of pipeline.services) {
    const parameter = parameterName(service.service);
    lines.push(`# ${service.service}`);
    for (const path of [...service.paths, CIRCLECI_PATH, CIRCLECI_CONTINUE_PATH]) lines.push(`${globToRegex(path)} ${parameter} true`);
  }
  return lines;
}

/** Release tags as a CircleCI filter (a regex between slashes, starting with the tag prefix). */
export function tagFilter(pipeline: Pipeline): string {
  return `/^${pipeline.options.tagPrefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*/`;
}

/** `.circleci/config.yml` of a monorepo: the setup workflow. */
export function setupConfig(pipeline: Pipeline): Json {
  return {
    version: 2.1,
    setup: true,
    orbs: { 'path-filtering': PATH_FILTERING_ORB },
    workflows: {
      'select-services': {
        jobs: [
          {
            'path-filtering/filter': {
              name: 'select-services',
              'base-revision': pipeline.options.defaultBranch,
              'config-path': CIRCLECI_CONTINUE_PATH,
              mapping: `${pathMapping(pipeline).join('\n')}\n`,
              // CircleCI skips tag pipelines unless a job opts in: release tags must reach the continuation.
              filters: { tags: { only: tagFilter(pipeline) } },
            },
          },
        ],
      },
    },
  };
}
