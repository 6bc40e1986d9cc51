import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * The prompt files under <prompts dir>/<language>/<name>.<ext>. Paths are built from checked
 * names and resolved again before any write, so nothing lands outside the store.
 */
export class PromptStore {
  readonly root: string;

  constructor(promptsDir: string) {
    this.root = resolve(promptsDir);
  }

  relativePath(language: string, name: string, extension: string): string {
    return `${language}/${name}.${extension}`;
  }

  absolutePath(relative: string): string {
    const path = resolve(this.root, relative);
    if (!path.startsWith(this.root + sep)) throw new Error(`prompt path ${relative} leaves the store`);
    return path;
  }

  /** Writes to a temporary name first, so a failed upload never leaves half a file under the real name. */
  async write(relative: string, bytes: Buffer): Promise<void> {
    const path = this.absolutePath(relative);
    await mkdir(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.upload-${process.pid}-${Date.now()}.tmp`);
    await writeFile(temporary, bytes, { mode: 0o644 });
    await rename(temporary, path);
  }

  async remove(relative: string): Promise<void> {
    await rm(this.absolutePath(relative), { force: true });
  }
}
