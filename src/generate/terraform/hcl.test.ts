/**
 * The HCL writer: literals can never turn into interpolations, expressions are written as is, `=` is
 * aligned the way terraform fmt aligns it, and the output parses back to the same values.
 */
import { describe, expect, it } from 'vitest';
import { parseHclSync } from '../../validate/terraform-hcl.js';
import { attr, block, call, comment, expr, interp, ref, renderFile } from './hcl.js';

describe('hcl writer', () => {
  it('escapes literals: quotes, backslashes, newlines and template sequences', () => {
    const text = renderFile([block('locals', [], [attr('a', 'say "hi" \\ ${not_a_ref} %{if} \n')])]);
    expect(text).toContain('a = "say \\"hi\\" \\\\ $${not_a_ref} %%{if} \\n"');
    const [parsed] = parseHclSync([{ path: 'x.tf', content: text }]);
    // hcl2json's JSON form is itself a Terraform template, so the escapes stay: still no interpolation.
    expect(parsed?.ok && parsed.json.locals).toEqual([{ a: 'say "hi" \\ $${not_a_ref} %%{if} \n' }]);
  });

  it('writes expressions, references and templates unquoted, literal parts escaped', () => {
    const text = renderFile([block('locals', [], [
      attr('r', ref('var', 'name')),
      attr('t', interp`${ref('var.name')}-"alb"`),
      attr('c', call('cidrsubnet', ref('var.cidr'), 8, expr('count.index'))),
    ])]);
    expect(text).toBe('locals {\n  r = var.name\n  t = "${var.name}-\\"alb\\""\n  c = cidrsubnet(var.cidr, 8, count.index)\n}\n');
  });

  it('aligns = over runs of single-line attributes; a multi-line value ends its run unpadded', () => {
    const text = renderFile([block('resource', ['aws_sqs_queue', 'q'], [
      attr('name', 'q'),
      attr('delay_seconds', 0),
      attr('tags', { Team: 'core', 'kubernetes.io/role': 'elb' }),
      attr('fifo_queue', false),
    ])]);
    expect(text).toBe([
      'resource "aws_sqs_queue" "q" {',
      '  name          = "q"',
      '  delay_seconds = 0',
      '  tags = {',
      '    Team                 = "core"',
      '    "kubernetes.io/role" = "elb"',
      '  }',
      '  fifo_queue = false',
      '}',
      '',
    ].join('\n'));
  });

  it('separates blocks with blank lines and writes comments and header', () => {
    const text = renderFile([comment('Why this exists.'), block('data', ['aws_region', 'current'], []), block('locals', [], [attr('x', 1, ['one'])])], '# header');
    expect(text).toBe('# header\n\n# Why this exists.\n\ndata "aws_region" "current" {}\n\nlocals {\n  # one\n  x = 1\n}\n');
  });

  it('opens a function call\'s object argument on the call line', () => {
    const text = renderFile([attr('policy', call('jsonencode', { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] }))]);
    expect(text).toBe('policy = jsonencode({\n  Version = "2012-10-17"\n  Statement = [\n    {\n      Effect = "Allow"\n    },\n  ]\n})\n');
    expect(parseHclSync([{ path: 'p.tf', content: text }])[0]?.ok).toBe(true);
  });
});
