import { resolve, sep } from 'node:path';

/** A file name that is a path, hidden, or otherwise unusable: refused before any file is touched. */
export class FileNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileNameError';
  }
}

/**
 * The runtime's file store: one flat folder (DATA_DIR/files) holding uploaded workbooks and
 * recordings. Scenarios name files, never paths, so a value from a caller or a sheet cannot
 * reach anything else on the disk.
 */
export class FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  /** The absolute path of a stored file's name; throws FileNameError for anything but a plain name. */
  path(name: string): string {
    if (typeof name !== 'string' || name.length === 0) throw new FileNameError('no file name given');
    if (name.length > 255) throw new FileNameError('the file name is longer than 255 characters');
    if (/[/\\]/.test(name) || name === '.' || name === '..') {
      throw new FileNameError(`"${printable(name)}" is a path; only file names in the file store are allowed`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(name)) throw new FileNameError('the file name contains control characters');
    if (name.startsWith('.')) throw new FileNameError(`"${printable(name)}" is a hidden name; it is not allowed`);
    const path = resolve(this.root, name);
    // Belt and braces: whatever the platform's rules, the result must sit directly in the root.
    if (!path.startsWith(this.root + sep) || path.slice(this.root.length + 1).includes(sep)) {
      throw new FileNameError(`"${printable(name)}" is outside the file store`);
    }
    return path;
  }
}

function printable(name: string): string {
  return name.length > 80 ? `${name.slice(0, 80)}...` : name;
}
