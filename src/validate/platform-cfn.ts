/**
 * CloudFormation reference checks: every Ref, Fn::GetAtt, `${…}` inside Fn::Sub and DependsOn must
 * name a declared resource or parameter (or a pseudo parameter; Fn::Sub may also use the names of its
 * own variable map). Also the YAML short-form tags (!Ref, !GetAtt, !Sub…) users write, read as their
 * long forms so the same checks apply to hand-written templates.
 */
import type { ScalarTag, CollectionTag } from 'yaml';
import { PLATFORM_RULES, isRecord, type Finding } from './platform-rules.js';

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'GetAtt', 'Length', 'ToJsonString'];

/** Custom tags that turn `!Ref X` into `{ Ref: X }` and `!Sub …` into `{ 'Fn::Sub': … }`. */
export const CFN_SHORT_TAGS: Array<ScalarTag | CollectionTag> = [
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) } as ScalarTag,
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) } as ScalarTag,
  ...FUNCTIONS.flatMap((fn) => {
    const key = `Fn::${fn}`;
    const convert = (value: unknown): Record<string, unknown> => ({ [key]: fn === 'GetAtt' && typeof value === 'string' ? value.split('.') : value });
    return [
      { tag: `!${fn}`, resolve: (value: string) => convert(value) } as ScalarTag,
      { tag: `!${fn}`, collection: 'seq', resolve: (seq: { toJSON: () => unknown }) => convert(seq.toJSON()) } as unknown as CollectionTag,
      { tag: `!${fn}`, collection: 'map', resolve: (map: { toJSON: () => unknown }) => convert(map.toJSON()) } as unknown as CollectionTag,
    ];
  }),
];

function subNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) names.push((m[1] ?? '').trim());
  return names;
}

export function cfnReferenceChecks(template: Record<string, unknown>): Finding[] {
  const resources = isRecord(template['Resources']) ? template['Resources'] : {};
  const parameters = isRecord(template['Parameters']) ? template['Parameters'] : {};
  const declared = new Set([...Object.keys(resources), ...Object.keys(parameters)]);
  const out: Finding[] = [];
  const miss = (what: string, name: string, near: string): void => {
    out.push({ rule: PLATFORM_RULES.cfnRef, message: `${what} ${name}: no resource or parameter of that name`, near });
  };
  const walk = (node: unknown, locals: ReadonlySet<string>): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, locals);
      return;
    }
    if (!isRecord(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref' && typeof value === 'string') {
        if (!declared.has(value) && !PSEUDO.has(value)) miss('Ref', value, value);
      } else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(value) ? value[0] : typeof value === 'string' ? value.split('.')[0] : undefined;
        if (typeof target === 'string' && !Object.hasOwn(resources, target)) miss('Fn::GetAtt', target, target);
      } else if (key === 'Fn::Sub') {
        const [text, vars] = Array.isArray(value) ? [value[0], value[1]] : [value, undefined];
        const own = new Set([...locals, ...(isRecord(vars) ? Object.keys(vars) : [])]);
        if (typeof text === 'string') {
          for (const name of subNames(text)) {
            const base = name.split('.')[0] ?? name;
            if (!declared.has(name) && !PSEUDO.has(name) && !own.has(name) && !(name.includes('.') && Object.hasOwn(resources, base))) miss('Fn::Sub', `\${${name}}`, name);
          }
        }
        if (isRecord(vars)) walk(vars, locals);
        continue;
      }
      walk(value, locals);
    }
  };
  for (const [id, resource] of Object.entries(resources)) {
    if (!isRecord(resource)) continue;
    const dependsOn = typeof resource['DependsOn'] === 'string' ? [resource['DependsOn']] : Array.isArray(resource['DependsOn']) ? resource['DependsOn'] : [];
    for (const dep of dependsOn) if (typeof dep === 'string' && !Object.hasOwn(resources, dep)) miss(`DependsOn of ${id}:`, dep, dep);
    walk(resource['Properties'], new Set());
  }
  walk(template['Outputs'], new Set());
  return out;
}
