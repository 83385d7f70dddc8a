/** Atomic file writes: write a temp file beside the target, fsync, rename. Never a half-written file. */
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string | Buffer, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.devsquad-tmp`);
  try {
    const fd = fs.openSync(temp, 'w', mode ?? 0o644);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
