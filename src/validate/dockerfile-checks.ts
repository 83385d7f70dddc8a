/**
 * Checks over Dockerfile instructions other than RUN: base images, USER, HEALTHCHECK, CMD form,
 * ARG/ENV secrets, ADD, WORKDIR, EXPOSE. Each returns hits for its rule in dockerfile-rules.ts.
 */
import { Arg, Env, JSONInstruction } from 'dockerfile-ast';
import type { Healthcheck, Instruction } from 'dockerfile-ast';
import type { RuleHit } from './dockerfile-rules.js';
import type { DockerfileModel, Stage } from './dockerfile-model.js';
import { effective, finalLineage, lineage, positionOf, substitute, variablesAt } from './dockerfile-model.js';
import { parseImageRef, unpinnedReason } from './image-ref.js';
import { isSecretLookingName, isSwitchValue } from './secret-names.js';

function hit(instruction: Instruction, message: string, extra: Partial<RuleHit> = {}): RuleHit {
  return { ...positionOf(instruction), message, ...extra };
}

export function checkSyntaxDirective(model: DockerfileModel): RuleHit[] {
  const has = model.dockerfile.getDirectives().some((d) => d.getName().toLowerCase() === 'syntax');
  return has ? [] : [{ line: 1, message: 'No `# syntax=` parser directive on the first line: the build uses whatever Dockerfile frontend the local BuildKit bundles.' }];
}

export function checkBaseImage(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    if (stage.parent !== null || stage.rawImage === '' || stage.rawImage.toLowerCase() === 'scratch') continue;
    // A variable without a default is supplied with --build-arg; nothing to judge here.
    if (stage.image === null) continue;
    const reason = unpinnedReason(parseImageRef(stage.image));
    if (reason === null) continue;
    const shown = stage.image === stage.rawImage ? `\`${stage.image}\`` : `\`${stage.rawImage}\` (resolves to \`${stage.image}\`)`;
    hits.push(hit(stage.from, `Base image ${shown} ${reason}: the build changes whenever the tag moves.`));
  }
  return hits;
}

/** Base images that run as an unprivileged user by default. */
const NON_ROOT_IMAGES = [/:(.*-)?nonroot(-.*)?$/, /^(.*\/)?nginxinc\/nginx-unprivileged(:|$)/, /^cgr\.dev\/chainguard\//, /^(docker\.io\/)?bitnami\//];

function isRootUser(user: string): boolean {
  const name = user.split(':')[0]?.trim().toLowerCase() ?? '';
  return name === 'root' || name === '0';
}

export function checkUser(model: DockerfileModel): RuleHit[] {
  const final = model.final;
  if (!final) return [];
  const user = effective(final, 'USER');
  if (user) {
    const owner = lineage(final).find((s) => s.instructions.includes(user)) ?? final;
    const raw = user.getArgumentsContent()?.trim() ?? '';
    const value = substitute(raw, variablesAt(model, owner, user));
    // An unresolvable variable (USER $APP_UID) is set by the base image or --build-arg: assume it is not root.
    if (value !== null && isRootUser(value)) return [hit(user, `The final stage runs as \`${raw}\`: a compromised process has root inside the container.`)];
    return [];
  }
  const root = lineage(final).at(-1);
  const image = root?.image ?? root?.rawImage ?? '';
  if (NON_ROOT_IMAGES.some((re) => re.test(image.toLowerCase()))) return [];
  return [hit(final.from, 'The final stage has no USER instruction, so the container runs as root.')];
}

function isHealthcheckNone(instruction: Instruction): boolean {
  return (instruction as Healthcheck).getSubcommand?.()?.getValue().toUpperCase() === 'NONE';
}

export function checkHealthcheck(model: DockerfileModel): RuleHit[] {
  const final = model.final;
  if (!final) return [];
  const healthcheck = effective(final, 'HEALTHCHECK');
  if (!healthcheck) {
    return [hit(final.from, 'The final stage has no HEALTHCHECK: Docker and Compose cannot tell when the service is ready or stuck.')];
  }
  if (isHealthcheckNone(healthcheck)) {
    return [hit(healthcheck, '`HEALTHCHECK NONE` disables health checking for this image; fine for one-shot jobs and workers without a probe.', {
      severity: 'info',
      recommendation: 'Keep it if the image has nothing to probe; otherwise add a HEALTHCHECK CMD.',
    })];
  }
  return [];
}

export function checkShellForm(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const keyword = instruction.getKeyword();
      if (keyword !== 'CMD' && keyword !== 'ENTRYPOINT') continue;
      if (instruction instanceof JSONInstruction && instruction.getOpeningBracket() !== null) continue;
      if ((instruction.getArgumentsContent() ?? '').trim() === '') continue;
      hits.push(hit(instruction, `${keyword} uses the shell form: the process runs under \`/bin/sh -c\`, is not PID 1 and does not receive SIGTERM.`));
    }
  }
  return hits;
}

export function checkMultipleCmd(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    for (const keyword of ['CMD', 'ENTRYPOINT']) {
      const all = stage.instructions.filter((i) => i.getKeyword() === keyword);
      const last = all.at(-1);
      if (!last) continue;
      for (const ignored of all.slice(0, -1)) {
        hits.push(hit(ignored, `This ${keyword} is overridden by a later ${keyword} in the same stage (line ${positionOf(last).line}); only the last one takes effect.`));
      }
    }
  }
  return hits;
}

function isReference(value: string): boolean {
  return /^\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/.test(value.trim());
}

export function checkSecrets(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  const argInstructions = model.dockerfile.getInstructions().filter((i) => i instanceof Arg || i instanceof Env);
  for (const instruction of argInstructions) {
    if (!(instruction instanceof Arg || instruction instanceof Env)) continue;
    const keyword = instruction.getKeyword();
    for (const property of instruction.getProperties()) {
      const name = property.getName();
      if (!isSecretLookingName(name)) continue;
      const value = property.getValue();
      if (value !== null && isSwitchValue(value)) continue;
      const literal = value !== null && value.trim() !== '' && !value.includes('$');
      if (literal) {
        hits.push(hit(instruction, `${keyword} ${name} sets a literal credential: it is stored in the image and visible with \`docker history\` / \`docker inspect\`.`, { severity: 'critical' }));
      } else if (keyword === 'ARG') {
        hits.push(hit(instruction, `ARG ${name} looks like a credential: build-arg values are recorded in the image history.`));
      } else if (value !== null && value.includes('$')) {
        hits.push(hit(instruction, `ENV ${name}=${value.trim()} copies a credential into the image configuration${isReference(value) ? '' : ' (partly)'}.`));
      }
    }
  }
  return hits;
}

const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;

/** Source arguments of COPY/ADD (the last argument is the destination). */
export function sourcesOf(instruction: Instruction): string[] {
  let args: string[];
  if (instruction instanceof JSONInstruction && instruction.getOpeningBracket() !== null) {
    args = instruction.getJSONStrings().map((s) => s.getValue().replace(/^"|"$/g, ''));
  } else {
    args = instruction.getArguments().map((a) => a.getValue());
  }
  return args.filter((a) => !a.startsWith('<<')).slice(0, -1);
}

export function checkAdd(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'ADD') continue;
      const flags = instruction instanceof JSONInstruction ? instruction.getFlags().map((f) => f.getName()) : [];
      for (const source of sourcesOf(instruction)) {
        const isGit = /^git@|\.git(#.*)?$/.test(source);
        if (/^https?:\/\//i.test(source) && !isGit) {
          if (flags.includes('checksum')) continue;
          hits.push(hit(instruction, `ADD downloads ${source} without --checksum: the content is not verified and busts the cache unpredictably.`, { severity: 'medium' }));
        } else if (!isGit && !ARCHIVE.test(source)) {
          hits.push(hit(instruction, `ADD ${source} copies a local file: ADD also extracts archives and fetches URLs, so COPY states the intent.`));
        }
      }
    }
  }
  return hits;
}

export function checkWorkdir(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'WORKDIR') continue;
      const path = (instruction.getArgumentsContent() ?? '').trim().replace(/^["']|["']$/g, '');
      if (path === '' || path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path)) continue;
      hits.push(hit(instruction, `WORKDIR ${path} is relative: it resolves against the previous WORKDIR, which may come from the base image.`));
    }
  }
  return hits;
}

/** Ports an EXPOSE instruction lists ("3000", "3000/tcp", "8000-8010"), with variables resolved. */
function exposedRanges(model: DockerfileModel, stage: Stage, instruction: Instruction): Array<[number, number]> {
  const vars = variablesAt(model, stage, instruction);
  const out: Array<[number, number]> = [];
  for (const arg of instruction.getArguments()) {
    const value = substitute(arg.getValue(), vars) ?? arg.getValue();
    const match = /^(\d+)(?:-(\d+))?(?:\/\w+)?$/.exec(value);
    if (match) out.push([Number(match[1]), Number(match[2] ?? match[1])]);
  }
  return out;
}

export function checkExpose22(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.getKeyword() !== 'EXPOSE') continue;
      if (exposedRanges(model, stage, instruction).some(([lo, hi]) => lo <= 22 && hi >= 22)) {
        hits.push(hit(instruction, 'EXPOSE 22 suggests an SSH server in the container: another daemon and credentials to manage and attack.'));
      }
    }
  }
  return hits;
}

export function checkExposeForHealthcheck(model: DockerfileModel): RuleHit[] {
  const hits: RuleHit[] = [];
  const finals = new Set(finalLineage(model));
  for (const stage of model.stages) {
    const healthcheck = stage.instructions.filter((i) => i.getKeyword() === 'HEALTHCHECK').at(-1);
    if (!healthcheck || isHealthcheckNone(healthcheck)) continue;
    // Only stages that are images of their own: the final one, or targets not used as a base.
    if (!finals.has(stage) && model.stages.some((s) => s.parent === stage)) continue;
    const text = healthcheck.getArgumentsContent() ?? '';
    const match = /(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]):(\d+|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)/.exec(text);
    if (!match) continue;
    const hasExpose = lineage(stage).some((s) => s.instructions.some((i) => i.getKeyword() === 'EXPOSE'));
    if (hasExpose) continue;
    const port = substitute(match[1] ?? '', variablesAt(model, stage, healthcheck)) ?? match[1];
    hits.push(hit(healthcheck, `The HEALTHCHECK probes port ${port} but the stage has no EXPOSE.`));
  }
  return hits;
}
