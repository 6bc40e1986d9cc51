import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a generated secret from the data folder, creating it (mode 0600) on first start, so an
 * embedded install keeps decrypting its connection secrets and honouring its sessions after a
 * restart without the operator having to invent keys.
 */
export function readOrCreateSecretFile(dataDir: string, fileName: string, bytes = 32): Buffer {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, fileName);
  if (existsSync(file)) {
    const value = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (value.length !== bytes)
      throw new Error(`${file} does not hold ${bytes} base64 bytes; delete it only if nothing was encrypted with it`);
    return value;
  }
  const value = randomBytes(bytes);
  writeFileSync(file, value.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return value;
}
