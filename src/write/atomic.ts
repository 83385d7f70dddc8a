/** Atomic file writes: write a temp file beside the target, fsync, rename. Never a half-written file. */
import fs from 'node:fs';
import path from 'node:path';

function tempBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.devsquad-tmp`);
}

export function writeFileAtomic(file: string, content: string | Buffer, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
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

/**
 * The same, on libuv's thread pool: a command writing a hundred files waits for their fsyncs side by
 * side (the file system commits them together) instead of one after another on the main thread.
 */
export async function writeFileAtomicAsync(file: string, content: string | Buffer, mode?: number): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const temp = tempBeside(file);
  try {
    const handle = await fs.promises.open(temp, 'w', mode ?? 0o644);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
