import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DsqError, ERRORS, formatMessage } from './errors.js';

const docs = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');

describe('error catalogue', () => {
  it('documents every code in docs/errors.md, and documents no code that does not exist', () => {
    const documented = [...docs.matchAll(/^### (DSQ_ERR_[A-Z_]+)$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('names every code DSQ_ERR_<AREA>_<WHAT>', () => {
    for (const code of Object.keys(ERRORS)) expect(code).toMatch(/^DSQ_ERR_[A-Z]+_[A-Z_]+$/);
  });

  it('documents each exit code the catalogue uses', () => {
    for (const spec of Object.values(ERRORS)) expect(docs).toContain(`| ${spec.exitCode} |`);
  });

  it('fills message templates and keeps the cause', () => {
    const cause = new Error('boom');
    const error = new DsqError('DSQ_ERR_PLAN_READ', { path: 'plan.json', reason: 'ENOENT' }, { cause });
    expect(error.message).toBe('Could not read plan file plan.json: ENOENT');
    expect(error.cause).toBe(cause);
    expect(error.exitCode).toBe(3);
    expect(formatMessage('DSQ_ERR_REPO_NOT_FOUND', {})).toContain('{path}');
  });
});
