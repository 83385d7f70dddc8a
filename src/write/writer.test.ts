import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers.js';
import type { GeneratedFile } from '../generate/types.js';
import { applyWrites, planWrites } from './writer.js';
import { MANIFEST_PATH } from './manifest.js';

const file = (p: string, content: string): GeneratedFile => ({ path: p, content, kind: 'text', generator: 'test' });

function write(root: string, files: GeneratedFile[], force = false) {
  return applyWrites(planWrites(files, { root, force }), { root, force });
}

describe('writer', () => {
  it('creates files and records their hashes in the manifest', async () => {
    const root = testdir({});
    const result = await write(root, [file('Dockerfile', 'FROM a\n'), file('sub/dir/x.txt', 'x')]);
    expect(result.written).toEqual(['Dockerfile', 'sub/dir/x.txt']);
    expect(fs.readFileSync(path.join(root, 'sub/dir/x.txt'), 'utf8')).toBe('x');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, MANIFEST_PATH), 'utf8'));
    expect(Object.keys(manifest.files)).toEqual(['Dockerfile', 'sub/dir/x.txt']);
  });

  it('rewrites nothing when the content is unchanged, and the manifest stays byte-identical', async () => {
    const root = testdir({});
    await write(root, [file('Dockerfile', 'FROM a\n')]);
    const before = fs.readFileSync(path.join(root, MANIFEST_PATH), 'utf8');
    const mtime = fs.statSync(path.join(root, 'Dockerfile')).mtimeMs;
    const again = await write(root, [file('Dockerfile', 'FROM a\n')]);
    expect(again.planned.map((p) => p.action)).toEqual(['unchanged']);
    expect(again.written).toEqual([]);
    expect(fs.statSync(path.join(root, 'Dockerfile')).mtimeMs).toBe(mtime);
    expect(fs.readFileSync(path.join(root, MANIFEST_PATH), 'utf8')).toBe(before);
  });

  it('updates its own untouched output', async () => {
    const root = testdir({});
    await write(root, [file('Dockerfile', 'FROM a\n')]);
    const next = await write(root, [file('Dockerfile', 'FROM b\n')]);
    expect(next.planned[0]?.action).toBe('update');
    expect(next.planned[0]?.diff).toContain('+FROM b');
    expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toBe('FROM b\n');
  });

  it('never overwrites a file the user wrote', async () => {
    const root = testdir({ Dockerfile: 'FROM mine\n' });
    const result = await write(root, [file('Dockerfile', 'FROM ours\n')]);
    expect(result.planned[0]).toMatchObject({ action: 'conflict', reason: 'devsquad did not write it' });
    expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toBe('FROM mine\n');
  });

  it('never overwrites a file the user edited after devsquad wrote it', async () => {
    const root = testdir({});
    await write(root, [file('Dockerfile', 'FROM a\n')]);
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM a\nUSER me\n');
    const result = await write(root, [file('Dockerfile', 'FROM b\n')]);
    expect(result.planned[0]).toMatchObject({ action: 'conflict', reason: 'you edited it after devsquad wrote it' });
    expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toBe('FROM a\nUSER me\n');
  });

  it('with --force overwrites and keeps numbered backups, never replacing an older one', async () => {
    const root = testdir({ Dockerfile: 'FROM mine\n' });
    const first = await write(root, [file('Dockerfile', 'FROM ours\n')], true);
    expect(first.backups).toEqual(['.devsquad/backups/Dockerfile.1']);
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM edited\n');
    const second = await write(root, [file('Dockerfile', 'FROM ours\n')], true);
    expect(second.backups).toEqual(['.devsquad/backups/Dockerfile.2']);
    expect(fs.readFileSync(path.join(root, '.devsquad/backups/Dockerfile.1'), 'utf8')).toBe('FROM mine\n');
    expect(fs.readFileSync(path.join(root, '.devsquad/backups/Dockerfile.2'), 'utf8')).toBe('FROM edited\n');
  });

  it('a dry run (planWrites) touches nothing on disk', async () => {
    const root = testdir({ 'keep.txt': 'k' });
    const planned = planWrites([file('new.txt', 'n')], { root });
    expect(planned[0]?.action).toBe('create');
    expect(fs.readdirSync(root)).toEqual(['keep.txt']);
  });

  it('refuses hostile paths and directories that are symlinks out of the root', async () => {
    const outside = testdir({});
    const root = testdir({ escape: { symlink: outside } });
    expect(() => planWrites([file('../evil.txt', 'x')], { root })).toThrow(expect.objectContaining({ code: 'DSQ_ERR_WRITE_PATH_ESCAPE' }));
    expect(() => planWrites([file('/etc/evil', 'x')], { root })).toThrow(expect.objectContaining({ code: 'DSQ_ERR_WRITE_PATH_ESCAPE' }));
    expect(() => planWrites([file('escape/evil.txt', 'x')], { root })).toThrow(expect.objectContaining({ code: 'DSQ_ERR_WRITE_PATH_ESCAPE' }));
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it('treats a symlinked target file as a conflict and never writes through it', async () => {
    const outside = testdir({ 'target.txt': 'theirs' });
    const root = testdir({ 'Dockerfile': { symlink: path.join(outside, 'target.txt') } });
    const result = await write(root, [file('Dockerfile', 'FROM ours\n')]);
    expect(result.planned[0]).toMatchObject({ action: 'conflict', reason: 'it is a symbolic link' });
    expect(fs.readFileSync(path.join(outside, 'target.txt'), 'utf8')).toBe('theirs');
  });

  it('sets a corrupt manifest aside and then treats existing files as the user\'s', async () => {
    const root = testdir({ Dockerfile: 'FROM a\n', '.devsquad/manifest.json': '{ not json' });
    const result = await write(root, [file('Dockerfile', 'FROM b\n'), file('new.txt', 'n')]);
    expect(result.planned.map((p) => p.action)).toEqual(['conflict', 'create']);
    expect(fs.existsSync(path.join(root, '.devsquad/manifest.json.corrupt'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, MANIFEST_PATH), 'utf8')).files['new.txt']).toBeDefined();
  });

  it('leaves no temp files behind', async () => {
    const root = testdir({});
    await write(root, [file('a/b.txt', 'x')]);
    expect(fs.readdirSync(path.join(root, 'a'))).toEqual(['b.txt']);
  });
});

describe('writer, many files', () => {
  it('writes a large plan concurrently, keeps the plan order in `written`, and leaves no temp file', async () => {
    const root = testdir({});
    const files = Array.from({ length: 60 }, (_, i) => file(`deep/${i % 7}/f${String(i).padStart(2, '0')}.txt`, `content ${i}\n`));
    const result = await write(root, files);
    expect(result.written).toEqual(files.map((f) => f.path));
    for (const f of files) expect(fs.readFileSync(path.join(root, f.path), 'utf8')).toBe(f.content);
    const leftovers = fs.readdirSync(root, { recursive: true }).map(String).filter((n) => n.includes('devsquad-tmp'));
    expect(leftovers).toEqual([]);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(root, MANIFEST_PATH), 'utf8')).files)).toHaveLength(60);
  });

  it('fails with DSQ_ERR_WRITE_FAILED naming the file, and writes no manifest, when one target cannot be written', async () => {
    const root = testdir({ blocked: 'a file where a directory is needed' });
    const files = [file('ok-1.txt', '1'), file('blocked/inner.txt', 'x'), file('ok-2.txt', '2')];
    await expect(write(root, files)).rejects.toMatchObject({ code: 'DSQ_ERR_WRITE_FAILED' });
    expect(fs.existsSync(path.join(root, MANIFEST_PATH))).toBe(false);
  });
});
