/**
 * Dockerfile best-practice rules as data: id, title, default severity and the recommended action,
 * each with its check. Ids are stable and never reused (docs/rules/dockerfile.md documents each).
 * A check returns hits; a hit may override the severity or recommendation when the same rule has a
 * milder or harsher form (HEALTHCHECK NONE is a choice, a secret with a literal value is worse).
 */
import type { RuleInfo, Severity } from './types.js';
import type { DockerfileModel } from './dockerfile-model.js';
import {
  checkAdd, checkBaseImage, checkExpose22, checkExposeForHealthcheck, checkHealthcheck, checkMultipleCmd, checkSecrets,
  checkShellForm, checkSyntaxDirective, checkUser, checkWorkdir,
} from './dockerfile-checks.js';
import {
  checkApk, checkApt, checkAptUpgrade, checkBuildToolsSingleStage, checkCopyBeforeInstall, checkPipeToShell, checkStrictInstall, checkSudo,
} from './dockerfile-run-checks.js';

export interface RuleHit {
  line: number;
  column?: number;
  message: string;
  severity?: Severity;
  recommendation?: string;
}

export interface DockerfileRule extends RuleInfo {
  check(model: DockerfileModel): RuleHit[];
}

/** Syntax problems reported by dockerfile-utils (unknown instructions, bad flags, bad JSON…). */
export const DOCKERFILE_PARSE_RULE: RuleInfo = {
  id: 'DSQ-DF-0000',
  title: 'Dockerfile syntax',
  severity: 'high',
  recommendation: 'Fix the instruction so BuildKit can parse it; see the Dockerfile reference for its syntax.',
};

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  {
    id: 'DSQ-DF-0001',
    title: 'No `# syntax=` directive',
    severity: 'info',
    recommendation: 'Start the file with `# syntax=docker/dockerfile:1` so BuildKit uses the current stable frontend (cache and secret mounts, heredocs).',
    check: checkSyntaxDirective,
  },
  {
    id: 'DSQ-DF-0002',
    title: 'Base image not pinned',
    severity: 'high',
    recommendation: 'Pin the base image to a specific version tag (node:22.12-alpine) or a digest (@sha256:…) so builds are reproducible.',
    check: checkBaseImage,
  },
  {
    id: 'DSQ-DF-0003',
    title: 'Final stage runs as root',
    severity: 'high',
    recommendation: 'Create an unprivileged user (or use one the base image provides, like `node` or 65532) and switch to it with `USER` in the final stage.',
    check: checkUser,
  },
  {
    id: 'DSQ-DF-0004',
    title: 'No HEALTHCHECK in the final stage',
    severity: 'medium',
    recommendation: 'Add `HEALTHCHECK CMD` probing the service (an HTTP health route or a TCP check) so Docker and Compose know when it is ready; write `HEALTHCHECK NONE` if the image deliberately has none.',
    check: checkHealthcheck,
  },
  {
    id: 'DSQ-DF-0005',
    title: 'Single-stage image installs build tools',
    severity: 'low',
    recommendation: 'Compile in a build stage and copy only the result into a slim runtime stage, so compilers and headers do not ship in the image.',
    check: checkBuildToolsSingleStage,
  },
  {
    id: 'DSQ-DF-0006',
    title: 'CMD or ENTRYPOINT in shell form',
    severity: 'medium',
    recommendation: 'Use the exec (JSON) form, e.g. `CMD ["node", "server.js"]`, so the process is PID 1 and receives SIGTERM on `docker stop`.',
    check: checkShellForm,
  },
  {
    id: 'DSQ-DF-0007',
    title: 'Secret in ARG or ENV',
    severity: 'high',
    recommendation: 'Pass credentials at build time with `RUN --mount=type=secret,id=…` and at run time through the environment or a secrets file, never with ARG or ENV (both are stored in the image).',
    check: checkSecrets,
  },
  {
    id: 'DSQ-DF-0008',
    title: 'ADD used for a local file or a remote URL',
    severity: 'low',
    recommendation: 'Use COPY for local files; for downloads use `ADD --checksum=sha256:…` or `RUN curl` with a checksum check.',
    check: checkAdd,
  },
  {
    id: 'DSQ-DF-0009',
    title: 'apt-get install without --no-install-recommends or list cleanup',
    severity: 'low',
    recommendation: 'Use `apt-get install -y --no-install-recommends …` and end the same RUN with `rm -rf /var/lib/apt/lists/*` (or use cache mounts for /var/cache/apt and /var/lib/apt).',
    check: checkApt,
  },
  {
    id: 'DSQ-DF-0010',
    title: 'apk add without --no-cache',
    severity: 'low',
    recommendation: 'Use `apk add --no-cache …` (or a cache mount for /var/cache/apk) so the package index does not stay in the layer.',
    check: checkApk,
  },
  {
    id: 'DSQ-DF-0011',
    title: 'Remote script piped to a shell',
    severity: 'medium',
    recommendation: 'Download the script or binary to a file, verify its checksum or signature, then run it; better, install a pinned package.',
    check: checkPipeToShell,
  },
  {
    id: 'DSQ-DF-0012',
    title: 'apt-get upgrade in the image build',
    severity: 'low',
    recommendation: 'Rebuild on a newer pinned base image instead of upgrading packages in place; upgrades make builds unreproducible.',
    check: checkAptUpgrade,
  },
  {
    id: 'DSQ-DF-0013',
    title: 'sudo in the image',
    severity: 'medium',
    recommendation: 'RUN already executes as the current USER; run privileged steps before switching to the unprivileged user instead of using sudo.',
    check: checkSudo,
  },
  {
    id: 'DSQ-DF-0014',
    title: 'Relative WORKDIR',
    severity: 'low',
    recommendation: 'Use an absolute WORKDIR (e.g. `/app`) so the path does not depend on earlier instructions or the base image.',
    check: checkWorkdir,
  },
  {
    id: 'DSQ-DF-0015',
    title: 'Several CMD or ENTRYPOINT in one stage',
    severity: 'medium',
    recommendation: 'Keep one CMD and at most one ENTRYPOINT per stage; only the last takes effect.',
    check: checkMultipleCmd,
  },
  {
    id: 'DSQ-DF-0016',
    title: 'Whole context copied before the dependency install',
    severity: 'low',
    recommendation: 'Copy the manifests and lockfile first, install dependencies, then `COPY . .`, so a source change does not invalidate the dependency layer.',
    check: checkCopyBeforeInstall,
  },
  {
    id: 'DSQ-DF-0017',
    title: 'Install not locked or leaves a cache',
    severity: 'low',
    recommendation: 'Use lockfile-strict installs (`npm ci`, `yarn install --immutable`, `pnpm install --frozen-lockfile`, `pip install -r requirements.txt`) and `pip install --no-cache-dir` or a cache mount.',
    check: checkStrictInstall,
  },
  {
    id: 'DSQ-DF-0018',
    title: 'SSH port exposed',
    severity: 'medium',
    recommendation: 'Do not run sshd in a container; use `docker exec` (or `kubectl exec`) for access and remove `EXPOSE 22`.',
    check: checkExpose22,
  },
  {
    id: 'DSQ-DF-0019',
    title: 'HEALTHCHECK probes a port the stage does not EXPOSE',
    severity: 'info',
    recommendation: 'Add `EXPOSE <port>` for the port the service listens on; it documents the port and tools like Compose and devsquad read it.',
    check: checkExposeForHealthcheck,
  },
];
