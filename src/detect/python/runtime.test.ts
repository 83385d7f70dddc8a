import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';
import { versionForRange } from './runtime.js';

const FILES = { 'requirements.txt': 'fastapi\nuvicorn\n', 'main.py': 'from fastapi import FastAPI\napp = FastAPI()\n' };

describe('python runtime version', () => {
  it('.python-version wins', () => {
    const service = onlyService({ ...FILES, '.python-version': '3.11.9\n', 'runtime.txt': 'python-3.10.1\n' });
    expect(service.runtime).toEqual({ name: 'python', version: '3.11.9', source: '.python-version' });
  });

  it('runtime.txt (python-3.11.4)', () => {
    const service = onlyService({ ...FILES, 'runtime.txt': 'python-3.11.4\n' });
    expect(service.runtime).toEqual({ name: 'python', version: '3.11.4', source: 'runtime.txt' });
    expect(service.evidence).toContainEqual({ fact: 'runtime', file: 'runtime.txt', line: 1, note: 'runtime.txt says python-3.11.4' });
  });

  it('.tool-versions and mise.toml', () => {
    expect(onlyService({ ...FILES, '.tool-versions': 'nodejs 20.11.0\npython 3.10.14\n' }).runtime).toEqual({ name: 'python', version: '3.10.14', source: '.tool-versions' });
    expect(onlyService({ ...FILES, 'mise.toml': '[tools]\npython = "3.13"\n' }).runtime).toEqual({ name: 'python', version: '3.13', source: 'mise.toml' });
  });

  it('requires-python: the default when it satisfies the range, else the nearest allowed line', () => {
    const service = onlyService({ 'pyproject.toml': '[project]\nname = "a"\nrequires-python = ">=3.13"\ndependencies = ["fastapi", "uvicorn"]\n', 'main.py': FILES['main.py'] });
    expect(service.runtime).toEqual({ name: 'python', version: '3.13', source: 'pyproject.toml' });
    expect(service.evidence).toContainEqual({ fact: 'runtime', file: 'pyproject.toml', line: 3, note: '>=3.13 → 3.13' });
  });

  it('no version anywhere: the default, with a warning', () => {
    const service = onlyService(FILES);
    expect(service.runtime).toEqual({ name: 'python', version: '3.12', source: 'default' });
    expect(service.warnings.some((w) => w.includes('default 3.12'))).toBe(true);
  });

  it.each([
    ['>=3.9', '3.12'],
    ['>=3.9,<3.12', '3.11'],
    ['>=3.13', '3.13'],
    ['~=3.10', '3.12'],
    ['^3.11', '3.12'],
    ['~3.10', '3.10'],
    ['==3.11.*', '3.11'],
    ['==3.10.4', '3.10.4'],
    ['3.9', '3.9'],
    ['>=3.8, !=3.12.*', '3.11'],
    ['<3', null],
  ])('range %s → %s', (range, expected) => {
    expect(versionForRange(range)).toBe(expected);
  });
});
