/**
 * The schema of a code rule file (rules/code/<language>/<owasp>/<name>.yaml). Matching is either
 * plain ast-grep (`match`: an ast-grep rule object with pattern/kind/inside/has/not/any/all, plus
 * optional `constraints`) or taint (`taint`: sources, sanitizers and sinks as ast-grep rules; the
 * sink's `focus` metavariable names the argument that must carry tainted data), or a missing
 * control (`control`: an app-creation pattern and the patterns whose presence anywhere in the same
 * project satisfies it).
 */
import { z } from 'zod';

/** An ast-grep rule object; its inner shape is checked by ast-grep itself when the rule is compiled. */
const astRule = z.record(z.string(), z.unknown()).refine((r) => Object.keys(r).length > 0, 'empty ast-grep rule');
const constraints = z.record(z.string(), z.record(z.string(), z.unknown())).optional();

export const matchSpec = z.object({ rule: astRule, constraints }).strict();

export const sinkSpec = z
  .object({
    rule: astRule,
    constraints,
    /** Metavariable (`$Q` or `$$$ARGS`) holding the value that must not be tainted; default: the whole match. */
    focus: z.string().regex(/^\$(\$\$)?[A-Z_][A-Z0-9_]*$/).optional(),
  })
  .strict();

export const taintSpec = z
  .object({
    /** Extra sources on top of the language's framework sources (taint/sources.ts). */
    sources: z.array(astRule).default([]),
    /** Extra sanitizers on top of the language's generic ones. */
    sanitizers: z.array(astRule).default([]),
    sinks: z.array(sinkSpec).min(1),
  })
  .strict();

export const controlSpec = z
  .object({
    app: matchSpec,
    /** Any of these anywhere in the app's project (the folder of the nearest manifest) satisfies the control. */
    present: z.array(astRule).min(1),
    /** Only report when one of these is present in the project too (e.g. CSRF only with cookie sessions). */
    requires: z.array(astRule).optional(),
  })
  .strict();

export const codeRuleSchema = z
  .object({
    id: z.string().regex(/^DSQ-(JS|PY|GO|JAVA|PHP)-\d{4}$/),
    longId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(5),
    severity: z.enum(['critical', 'high', 'medium', 'low', 'info']),
    confidence: z.enum(['high', 'medium', 'low']),
    cwe: z.array(z.string().regex(/^CWE-\d+$/)).min(1),
    owasp: z.string().regex(/^A(0[1-9]|10):2021$/),
    languages: z.array(z.enum(['javascript', 'typescript', 'python', 'go', 'java', 'php'])).min(1),
    message: z.string().min(10),
    recommendedAction: z.string().min(10),
    references: z.array(z.string().url()).min(1),
    aliases: z.array(z.string()).optional(),
    /** Words (a JS regex) a file must contain for the rule to be tried; derived from the patterns when omitted. */
    prefilter: z.string().optional(),
    deprecated: z.boolean().optional(),
    match: matchSpec.optional(),
    taint: taintSpec.optional(),
    control: controlSpec.optional(),
  })
  .strict()
  .refine((r) => [r.match, r.taint, r.control].filter(Boolean).length === 1, {
    message: 'a rule has exactly one of match, taint or control',
  });

export type CodeRule = z.infer<typeof codeRuleSchema>;
export type AstRule = z.infer<typeof astRule>;
export type SinkSpec = z.infer<typeof sinkSpec>;
