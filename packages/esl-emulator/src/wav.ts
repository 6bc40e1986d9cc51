/** Minimal WAV (RIFF PCM) reading and writing: prompt durations and recordings. */
import { openSync, readSync, closeSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Duration of a WAV file in ms from its header, or undefined when it is not a readable WAV. */
export function wavDurationMs(path: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return undefined;
    let pos = 12;
    let byteRate = 0;
    while (pos + 8 <= n) {
      const id = head.toString('ascii', pos, pos + 4);
      const size = head.readUInt32LE(pos + 4);
      if (id === 'fmt ') byteRate = head.readUInt32LE(pos + 16);
      if (id === 'data') return byteRate > 0 ? Math.round((size / byteRate) * 1000) : undefined;
      pos += 8 + size + (size & 1);
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a 16-bit mono PCM WAV of `ms` milliseconds of silence (a 44-byte file for 0 ms). */
export function writeSilentWav(path: string, ms: number, rate = 8000): number {
  const samples = Math.max(0, Math.round((ms / 1000) * rate));
  const data = samples * 2;
  const buf = Buffer.alloc(44 + data);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + data, 4);
  buf.write('WAVE', 8, 'ascii');
  buf.write('fmt ', 12, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(data, 40);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, buf);
  return buf.length;
}
