/**
 * Python recipe: a build stage creates a virtualenv at /opt/venv with the lockfile's production
 * dependencies (uv, poetry, pipenv, pdm or requirements files), copies the sources and runs Django's
 * collectstatic; the runtime is python:<v>-slim with only the venv, the sources and the shared
 * libraries the plan's OS packages need. Compilers and -dev headers stay in the build stage.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import type { StackRenderer } from './types.js';
import {
  type Block, type OsFamily, bindMount, cacheMount, cmd, comment, createUser, expose, httpHealthcheck, imageRef, inApp,
  installPackages, isWorker, labels, portEnv, relativeTo, renderDockerfile, run, servicePort, stage, userLine, versionArg,
  noHealthcheck,
} from '../common.js';
import { buildPackages, runtimePackages } from '../packages.js';

/** Tool versions pinned by devsquad (checked at release time). */
export const UV_VERSION = '0.13.8';
export const POETRY_VERSION = '2.5.1';
export const PIPENV_VERSION = '2026.10.3';
export const PDM_VERSION = '2.29.4';

type PythonTool = 'uv' | 'poetry' | 'pipenv' | 'pdm' | 'pip';

function toolOf(service: ServicePlan): PythonTool {
  const name = service.packageManager?.name ?? 'pip';
  return name === 'uv' || name === 'poetry' || name === 'pipenv' || name === 'pdm' ? name : 'pip';
}

const PIP_CACHE = cacheMount('/root/.cache/pip', { id: 'pip' });

/** `-r file` targets of a pip install command, so every requirements file it reads is copied first. */
function requirementFiles(install: string | null, lockfile: string | null): string[] {
  const files = new Set<string>();
  for (const m of (install ?? '').matchAll(/(?:-r|--requirement)[=\s]+(\S+)/g)) if (m[1]) files.add(m[1]);
  if (files.size === 0) files.add(lockfile ?? 'requirements.txt');
  return [...files];
}

/** The dependency install of the build stage, per tool: manifests first, then sources. */
function installSteps(service: ServicePlan, tool: PythonTool, rel: string, notes: string[]): { before: Block[]; after: Block[] } {
  const lock = service.packageManager?.lockfile?.split('/').pop() ?? null;
  const install = service.commands.install;
  // Paths in the context; `dir/./file` keeps only `file` under COPY --parents (the install runs in the service dir).
  const at = (file: string): string => (rel === '' ? file : `${rel}/${file}`);
  const keep = (file: string): string => (rel === '' ? file : `${rel}/./${file}`);
  switch (tool) {
    case 'uv': {
      const planned = install?.startsWith('uv sync') ? install : `uv sync ${lock ? '--locked ' : ''}--no-dev`;
      const sync = /--no-dev\b|--only-group|--no-default-groups/.test(planned) ? planned : `${planned} --no-dev`;
      const uvCache = cacheMount('/root/.cache/uv', { id: 'uv' });
      const workspace = service.build.features.includes('uv-workspace') || service.build.context !== service.path;
      const setup: Block[] = [
        'COPY --from=uv /uv /uvx /bin/',
        comment('Bytecode compiled once at build; copy mode because the cache is a separate mount; use the image\'s Python.'),
        'ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=0 UV_PROJECT_ENVIRONMENT=/opt/venv',
      ];
      if (workspace) {
        notes.push('uv workspace member: the lockfile covers every member, so the sync runs after copying the context');
        return { before: setup, after: [run(`${sync} --no-editable`, { mounts: [uvCache] })] };
      }
      return {
        before: [
          ...setup,
          run(`${sync} --no-install-project`, { mounts: [uvCache, bindMount(at('pyproject.toml'), 'pyproject.toml'), lock ? bindMount(at(lock), lock) : null].filter((m): m is string => m !== null) }),
        ],
        after: [run(`${sync} --no-editable`, { mounts: [uvCache] })],
      };
    }
    case 'poetry': {
      notes.push('poetry installs into /opt/venv (VIRTUAL_ENV is set), main group only; the project itself is not installed (--no-root): it runs from /app');
      return {
        before: [
          `ARG POETRY_VERSION=${POETRY_VERSION}`,
          run('pip install "poetry==${POETRY_VERSION}"', { mounts: [PIP_CACHE] }),
          `COPY ${at('pyproject.toml')} ${lock ? at(lock) : at('poetry.lock*')} ./`,
          run('poetry install --only main --no-root --no-interaction --no-ansi', { mounts: [cacheMount('/root/.cache/pypoetry', { id: 'poetry' })] }),
        ],
        after: [],
      };
    }
    case 'pipenv':
      return {
        before: [
          `ARG PIPENV_VERSION=${PIPENV_VERSION}`,
          run('pip install "pipenv==${PIPENV_VERSION}"', { mounts: [PIP_CACHE] }),
          `COPY ${at('Pipfile')} ${at('Pipfile.lock')} ./`,
          comment('Default (non-dev) packages from Pipfile.lock, hash-checked.'),
          run(['pipenv requirements --hash > /tmp/requirements.txt', 'pip install --require-hashes -r /tmp/requirements.txt'], { mounts: [PIP_CACHE] }),
        ],
        after: [],
      };
    case 'pdm':
      return {
        before: [
          `ARG PDM_VERSION=${PDM_VERSION}`,
          run('pip install "pdm==${PDM_VERSION}"', { mounts: [PIP_CACHE] }),
          `COPY ${at('pyproject.toml')} ${at(lock ?? 'pdm.lock')} ./`,
          comment('Production packages from pdm.lock, hash-checked.'),
          run(['pdm export --prod --no-extras -f requirements -o /tmp/requirements.txt', 'pip install --require-hashes -r /tmp/requirements.txt'], { mounts: [PIP_CACHE] }),
        ],
        after: [],
      };
    case 'pip': {
      const files = requirementFiles(install, lock);
      const pipInstall = install?.startsWith('pip ') || install?.startsWith('pip3 ') || install?.startsWith('python -m pip ') ? install : `pip install ${files.map((f) => `-r ${f}`).join(' ')}`;
      return {
        before: [`COPY --parents ${[...new Set([...files.map(keep), keep('requirements*'), keep('constraints*.txt')])].join(' ')} ./`, run(pipInstall, { mounts: [PIP_CACHE] })],
        after: [],
      };
    }
  }
}

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const tool = toolOf(service);
  const rel = relativeTo(service.build.context, service.path);
  const { os, build, runtime } = images(service, inputs, notes);
  const system = service.build.systemPackages;
  const compilers = system.some((p) => /-dev$/.test(p)) ? [os === 'alpine' ? 'build-base' : 'build-essential'] : [];
  const steps = installSteps(service, tool, rel, notes);
  const appDir = inApp('/app', rel);
  const django = service.build.features.includes('django') || service.framework === 'django';
  const port = servicePort(service);
  const worker = isWorker(service);
  const python = ['PYTHONDONTWRITEBYTECODE=1', 'PYTHONUNBUFFERED=1', 'PIP_DISABLE_PIP_VERSION_CHECK=1'].join(' ');
  // Settings modules often refuse to import without a secret key; a throwaway one, for this RUN only.
  const dummySecrets = service.env.filter((e) => /SECRET_KEY$/.test(e.name)).map((e) => `${e.name}=collectstatic-build-only`);
  if (dummySecrets.length === 0 && django) dummySecrets.push('SECRET_KEY=collectstatic-build-only', 'DJANGO_SECRET_KEY=collectstatic-build-only');
  notes.push(`dependencies with ${tool}${service.packageManager?.lockfile ? ` from ${service.packageManager.lockfile}` : ''} into /opt/venv`);

  const blocks: Block[] = [
    versionArg('PYTHON_VERSION', service.runtime.version),
    tool === 'uv' && `ARG UV_VERSION=${UV_VERSION}`,
    tool === 'uv' && ['', comment('uv is copied from its official image (a static binary), pinned.'), 'FROM ghcr.io/astral-sh/uv:${UV_VERSION} AS uv'],
    stage(build, 'build', [
      `ENV ${python}`,
      installPackages(os, buildPackages(os, system, compilers)),
      compilers.length > 0 && comment('Compilers and headers stay in this stage; the runtime gets only the shared libraries.'),
      tool !== 'uv' && run('python -m venv /opt/venv'),
      tool !== 'uv' && 'ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH',
      `WORKDIR ${appDir}`,
      steps.before,
      rel !== '' && 'WORKDIR /app',
      comment('.dockerignore keeps .venv, __pycache__, .git and local env files out of the context.'),
      'COPY . .',
      rel !== '' && `WORKDIR ${appDir}`,
      steps.after,
      django && run(`${dummySecrets.join(' ')} /opt/venv/bin/python manage.py collectstatic --noinput`),
    ], 'Build: a virtualenv with the locked production dependencies, then the sources.'),
    stage(runtime, 'runtime', [
      labels(service),
      `ENV ${python} VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH`,
      installPackages(os, runtimePackages(os, system, notes)),
      createUser(os, inputs.nonRootUser),
      'WORKDIR /app',
      comment('Root-owned and read-only for the app; only the venv and the sources, no build tools.'),
      'COPY --from=build /opt/venv /opt/venv',
      'COPY --from=build /app /app',
      appDir !== '/app' && `WORKDIR ${appDir}`,
      userLine(inputs.nonRootUser.uid),
      portEnv(service, port),
      expose(port),
      worker ? [comment('Worker: no port to probe; the orchestrator\'s restart policy supervises it.'), noHealthcheck()] : httpHealthcheck(service, 'python', inputs.healthcheck),
      startCommand(service, notes),
    ], 'Runtime: slim Python with the venv only, as a fixed non-root uid.'),
  ];
  return { text: renderDockerfile(blocks), notes };
};

function images(service: ServicePlan, inputs: DockerfileInputs, notes: string[]): { os: OsFamily; build: string; runtime: string } {
  if (inputs.baseImageFlavor === 'distroless') notes.push('distroless not used for Python: its interpreter version is fixed by Debian and would not match the venv; using slim');
  if (service.runtime.source === 'default') notes.push(`Python ${service.runtime.version} is devsquad's default: the repository does not pin a version`);
  const alpine = inputs.baseImageFlavor === 'alpine';
  const image = imageRef(`python:\${PYTHON_VERSION}-${alpine ? 'alpine' : 'slim-bookworm'}`, inputs.registryMirror);
  return { os: alpine ? 'alpine' : 'debian', build: image, runtime: image };
}

/** CMD from the plan's start command (sh -c with exec when it says $PORT), or a sensible default with a note. */
function startCommand(service: ServicePlan, notes: string[]): string {
  const start = service.commands.start;
  if (start) return cmd(start.replace(/^(?:poetry|pipenv|pdm|uv) run\s+(?:--\S+\s+)*/, ''));
  notes.push('no start command in the plan: CMD runs `python main.py`; set commands.start');
  return cmd('python main.py');
}
