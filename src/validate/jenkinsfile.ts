/**
 * Declarative Jenkinsfiles: a structural check (DSQ-JK-0000: balanced braces and strings, then
 * `pipeline { agent … stages { stage('x') { steps { … } } } }` with known directives in each
 * section), then policy rules: a pipeline timeout, pinned agent images, no secret printed to the
 * build log. Groovy is tokenized, never evaluated (jenkinsfile-parse.ts).
 */
import { diagnostic, echoedSecrets, floatingImage } from './ci-common.js';
import { parseJenkinsfile, walk, type Statement } from './jenkinsfile-parse.js';
import { isSecretLookingName } from './secret-names.js';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';

export const JENKINS_RULES = {
  structure: { id: 'DSQ-JK-0000', title: 'Jenkinsfile syntax and declarative structure', severity: 'high', recommendation: 'Fix the brace, string or directive the message names: Jenkins rejects a declarative pipeline that does not have pipeline { agent … stages { stage(…) { steps { … } } } }.' },
  timeout: { id: 'DSQ-JK-0001', title: 'Pipeline without a timeout', severity: 'low', recommendation: 'Add `options { timeout(time: 60, unit: \'MINUTES\') }` so a hung build releases its executor.' },
  image: { id: 'DSQ-JK-0002', title: 'Agent image not pinned', severity: 'medium', recommendation: 'Pin the docker agent image to a version tag (node:22.12) or a digest.' },
  secretEcho: { id: 'DSQ-JK-0003', title: 'Secret printed to the build log', severity: 'high', recommendation: 'Never echo a credential: pass it on stdin or through a file; withCredentials masks exact values only, not encodings of them.' },
} satisfies Record<string, RuleInfo>;

const PIPELINE = new Set(['agent', 'stages', 'options', 'environment', 'parameters', 'triggers', 'tools', 'post', 'libraries']);
const STAGE = new Set(['agent', 'steps', 'stages', 'parallel', 'matrix', 'when', 'options', 'environment', 'input', 'post', 'tools', 'failFast']);
const POST = new Set(['always', 'success', 'failure', 'unstable', 'changed', 'fixed', 'regression', 'aborted', 'unsuccessful', 'cleanup', 'notBuilt']);

function child(statement: Statement, name: string): Statement | undefined {
  return statement.block?.find((s) => s.name === name);
}

function checkPost(post: Statement, where: string, problems: Array<{ message: string; line: number }>): void {
  for (const s of post.block ?? []) if (!POST.has(s.name)) problems.push({ message: `${where} post: unknown condition "${s.name}"`, line: s.line });
}

function checkStages(stages: Statement, problems: Array<{ message: string; line: number }>): void {
  const list = (stages.block ?? []).filter((s) => s.name !== '');
  if (!list.some((s) => s.name === 'stage')) problems.push({ message: 'stages has no stage', line: stages.line });
  for (const stage of list) {
    if (stage.name !== 'stage') {
      problems.push({ message: `stages may only contain stage(…), found "${stage.name}"`, line: stage.line });
      continue;
    }
    const title = stage.args.find((a) => a.type === 'string')?.value;
    if (title === undefined) problems.push({ message: 'stage needs a name: stage(\'build\')', line: stage.line });
    const where = `stage '${title ?? '?'}'`;
    if (!stage.block) {
      problems.push({ message: `${where} has no body`, line: stage.line });
      continue;
    }
    for (const s of stage.block) if (!STAGE.has(s.name)) problems.push({ message: `${where}: unknown directive "${s.name}"`, line: s.line });
    const bodies = ['steps', 'stages', 'parallel', 'matrix'].filter((k) => child(stage, k));
    if (bodies.length !== 1) problems.push({ message: `${where} needs exactly one of steps, stages, parallel or matrix`, line: stage.line });
    const nested = child(stage, 'stages');
    if (nested) checkStages(nested, problems);
    const parallel = child(stage, 'parallel');
    if (parallel) checkStages(parallel, problems);
    const post = child(stage, 'post');
    if (post) checkPost(post, where, problems);
  }
}

/** Text of the shell scripts (`sh '…'`) and Groovy echo steps. */
function leaks(statements: readonly Statement[]): Array<{ line: number; name: string }> {
  const out: Array<{ line: number; name: string }> = [];
  for (const s of walk(statements)) {
    const strings = s.args.filter((a) => a.type === 'string');
    if (s.name === 'sh' || s.name === 'bat' || s.name === 'script') {
      for (const str of strings) for (const leak of echoedSecrets(str.value)) out.push({ line: str.line + leak.line, name: leak.name });
    } else if (s.name === 'echo') {
      // Groovy echo: `echo "token ${env.API_TOKEN}"` or `echo env.API_TOKEN`.
      const text = s.args.map((a) => a.value).join(' ');
      for (const match of text.matchAll(/(?:env\.|\$\{?)([A-Za-z_][A-Za-z0-9_]*)/g)) if (isSecretLookingName(match[1]!)) out.push({ line: s.line, name: match[1]! });
      for (const arg of s.args) if (arg.type === 'word' && isSecretLookingName(arg.value)) out.push({ line: s.line, name: arg.value });
    }
  }
  return out;
}

export function validateJenkinsfile(file: ValidatorInput): Diagnostic[] {
  const { path } = file;
  const parsed = parseJenkinsfile(file.content);
  const problems = [...parsed.errors];
  const pipeline = parsed.statements.find((s) => s.name === 'pipeline');
  if (problems.length === 0) {
    if (!pipeline?.block) problems.push({ message: 'no declarative `pipeline { … }` block', line: 1 });
    else {
      for (const s of pipeline.block) if (!PIPELINE.has(s.name)) problems.push({ message: `pipeline: unknown directive "${s.name}"`, line: s.line });
      if (!child(pipeline, 'agent')) problems.push({ message: 'pipeline has no agent', line: pipeline.line });
      const stages = child(pipeline, 'stages');
      if (!stages) problems.push({ message: 'pipeline has no stages', line: pipeline.line });
      else checkStages(stages, problems);
      const post = child(pipeline, 'post');
      if (post) checkPost(post, 'pipeline', problems);
    }
  }
  const out = problems.map((p) => diagnostic(JENKINS_RULES.structure, path, p.message, p.line));
  if (!pipeline?.block || parsed.errors.length > 0) return out;
  const options = child(pipeline, 'options');
  if (!options?.block?.some((s) => s.name === 'timeout')) out.push(diagnostic(JENKINS_RULES.timeout, path, 'the pipeline has no timeout option', options?.line ?? pipeline.line));
  for (const s of walk(pipeline.block)) {
    if (s.name !== 'image' || !s.args[0] || s.args[0].type !== 'string') continue;
    const why = floatingImage(s.args[0].value);
    if (why) out.push(diagnostic(JENKINS_RULES.image, path, `agent image ${s.args[0].value} ${why}`, s.line));
  }
  for (const leak of leaks(pipeline.block)) out.push(diagnostic(JENKINS_RULES.secretEcho, path, `prints ${leak.name} to the build log`, leak.line));
  return out;
}

export const jenkinsfileValidator: Validator = {
  kind: 'jenkinsfile',
  displayName: 'Jenkinsfile',
  matches: (path) => /(^|\/)Jenkinsfile(\.[\w-]+)?$/.test(path),
  validate: validateJenkinsfile,
};
