/**
 * The terraform validator: docs/rules/terraform.md's bad snippet triggers each rule and its good one
 * does not (snippets may hold several files, split by `# file: path` lines), plus the behaviours users
 * rely on beyond the docs: positions of parse errors, expressions never judged, iterators are not
 * references, directories checked separately.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { validatorForPath } from './api.js';
import { terraformValidator, validateTerraform, validateTerraformFiles, validateTerraformSet } from './terraform.js';
import { TF_PARSE_RULE, TF_RULES } from './terraform-rules.js';
import type { ValidatorInput } from './types.js';

interface Section {
  id: string;
  bad: string;
  good: string;
}

function sections(): Section[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/terraform.md'), 'utf8');
  return text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
}

/** A snippet as files: main.tf first, then each `# file: path` section. */
function files(snippet: string): ValidatorInput[] {
  const parts = snippet.split(/^# file: (.+)\n/m);
  const out: ValidatorInput[] = [{ path: 'main.tf', content: parts[0] ?? '' }];
  for (let i = 1; i < parts.length; i += 2) out.push({ path: parts[i]!.trim(), content: parts[i + 1] ?? '' });
  return out;
}

const ids = (inputs: ValidatorInput[]): string[] => validateTerraformFiles(inputs).map((d) => d.ruleId);

describe('docs/rules/terraform.md', () => {
  const documented = sections();
  it('has one section per rule, in id order', () => {
    expect(documented.map((s) => s.id)).toEqual([TF_PARSE_RULE.id, ...Object.values(TF_RULES).map((r) => r.id)].sort());
  });
  for (const section of documented) {
    it(`${section.id}: the bad snippet triggers the rule and the good one does not`, () => {
      expect(ids(files(section.bad)), 'bad').toContain(section.id);
      expect(ids(files(section.good)), 'good').not.toContain(section.id);
    });
  }
});

describe('terraform validator', () => {
  it('is picked for .tf files only', () => {
    expect(validatorForPath('deploy/terraform/environments/dev/main.tf')).toBe(terraformValidator);
    expect(terraformValidator.matches('terraform.tfvars')).toBe(false);
  });

  it('reports a parse error with the parser\'s line and column', () => {
    const [d] = validateTerraform({ path: 'main.tf', content: 'locals {\n  a = 1\n  b = = 2\n}\n' });
    expect(d).toMatchObject({ ruleId: 'DSQ-TF-0000', file: 'main.tf', line: 3 });
    expect(d?.message).toContain('HCL does not parse');
  });

  it('does not judge values set by expressions', () => {
    const content = `
resource "aws_db_instance" "db" {
  publicly_accessible = var.public
  storage_encrypted   = var.encrypted
}
resource "aws_vpc_security_group_ingress_rule" "app" {
  security_group_id = "sg-1"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = var.port
  to_port           = var.port
}
`;
    expect(validateTerraform({ path: 'main.tf', content })).toEqual([]);
  });

  it('flags inline security group ingress and all-protocol rules', () => {
    const content = `
resource "aws_security_group" "db" {
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
  }
}
resource "aws_security_group_rule" "all" {
  type              = "ingress"
  security_group_id = "sg-1"
  protocol          = "-1"
  from_port         = 0
  to_port           = 0
  ipv6_cidr_blocks  = ["::/0"]
}
`;
    const found = validateTerraform({ path: 'main.tf', content }).filter((d) => d.ruleId === 'DSQ-TF-0003');
    expect(found.map((d) => d.line)).toEqual([2, 10]);
    expect(found[0]?.message).toContain('0.0.0.0/0 on 5432-5432');
  });

  it('does not take for-expression and dynamic iterators for resources', () => {
    const content = `
variable "rules" {
  type = map(object({ port = number }))
}
resource "aws_security_group" "app" {
  name = join(",", [for rule_name, rule_spec in var.rules : rule_spec.port])
  dynamic "ingress_rule" {
    for_each = var.rules
    content {
      from_port = ingress_rule.value.port
    }
  }
}
`;
    expect(validateTerraformSet([{ path: 'main.tf', content }]).map((d) => d.ruleId)).not.toContain('DSQ-TF-0015');
  });

  it('ignores references inside string literals but not inside nested interpolations', () => {
    const content = `
resource "aws_sqs_queue" "jobs" {
  name = "copy of aws_sqs_queue.other.name \${upper("x-\${var.suffix}")}"
}
`;
    const found = validateTerraformSet([{ path: 'main.tf', content }]);
    expect(found.filter((d) => d.ruleId === 'DSQ-TF-0015')).toEqual([]);
    expect(found.find((d) => d.ruleId === 'DSQ-TF-0010')).toMatchObject({ message: 'var.suffix is not declared in .', line: 3 });
  });

  it('checks each directory on its own: a variable declared elsewhere does not count', () => {
    const found = validateTerraformSet([
      { path: 'a/main.tf', content: 'output "x" {\n  value = var.region\n}\n' },
      { path: 'b/variables.tf', content: 'variable "region" {\n  type = string\n}\n' },
      { path: 'b/main.tf', content: 'output "x" {\n  value = var.region\n}\n' },
    ]);
    expect(found.filter((d) => d.ruleId === 'DSQ-TF-0010').map((d) => d.file)).toEqual(['a/main.tf']);
  });

  it('checks module outputs and arguments against the module directory', () => {
    const found = validateTerraformSet([
      { path: 'env/main.tf', content: 'module "svc" {\n  source = "../modules/svc"\n  port   = 80\n}\noutput "u" {\n  value = module.svc.url\n}\noutput "n" {\n  value = module.svc.name\n}\n' },
      { path: 'modules/svc/variables.tf', content: 'variable "name" {\n  type = string\n}\nvariable "port" {\n  type    = number\n  default = null\n}\n' },
      { path: 'modules/svc/outputs.tf', content: 'output "url" {\n  value = "x"\n}\n' },
    ]);
    expect(found.map((d) => `${d.ruleId} ${d.message}`)).toEqual([
      'DSQ-TF-0013 module.svc (../modules/svc) has no output "name"',
      'DSQ-TF-0014 module.svc does not pass required name',
    ]);
  });

  it('S3 companion resources count from any file of the directory', () => {
    const found = validateTerraformSet([
      { path: 's3/bucket.tf', content: 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' },
      { path: 's3/security.tf', content: `resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
` },
    ]);
    expect(found.filter((d) => d.ruleId === 'DSQ-TF-0001' || d.ruleId === 'DSQ-TF-0002')).toEqual([]);
  });

  it('parses a large batch synchronously and in order', () => {
    const inputs = Array.from({ length: 40 }, (_, i) => ({ path: `m${i}/main.tf`, content: i === 17 ? 'locals {' : `locals {\n  n = ${i}\n}\n` }));
    const found = validateTerraformFiles(inputs).filter((d) => d.ruleId === 'DSQ-TF-0000');
    expect(found.map((d) => d.file)).toEqual(['m17/main.tf']);
  });
});
