/**
 * Reader for the annotated ground-truth captures in shared/esl (see README.md there).
 * A transcript is a list of chunks: what the app wrote (APP->FS) and each frame FreeSWITCH sent (FS->APP),
 * copied byte for byte between marker lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Chunk {
  dir: 'app' | 'fs';
  n: number;
  t: number;
  label: string;
  bytes: Buffer;
  /** `### ` commentary lines seen right before this chunk's marker. */
  comments: string[];
}

export interface Transcript {
  name: string;
  header: string[];
  chunks: Chunk[];
}

const MARKER = /^----- (>>>|<<<) (APP->FS|FS->APP)\s+#(\d+)\s+t=\+([\d.]+)s\s+(?:\[([^\]]*)\]\s+)?\((\d+) bytes/;

export const ESL_DIR = process.env.ESL_TRANSCRIPTS ?? join(import.meta.dirname, '../../../../shared/esl');

export function readTranscript(name: string, dir = ESL_DIR): Transcript {
  const buf = readFileSync(join(dir, `${name}-transcript.txt`));
  const header: string[] = [];
  const chunks: Chunk[] = [];
  let comments: string[] = [];
  let pos = 0;
  while (pos < buf.length) {
    let eol = buf.indexOf(10, pos);
    if (eol < 0) eol = buf.length;
    const line = buf.toString('utf8', pos, eol);
    pos = eol + 1;
    const m = MARKER.exec(line);
    if (m) {
      const size = Number(m[6]);
      const bytes = Buffer.from(buf.subarray(pos, pos + size));
      pos += size;
      chunks.push({
        dir: m[2] === 'APP->FS' ? 'app' : 'fs',
        n: Number(m[3]),
        t: Number(m[4]),
        label: m[5] ?? '',
        bytes,
        comments,
      });
      comments = [];
      continue;
    }
    if (line.startsWith('### ')) comments.push(line.slice(4));
    else if (line.startsWith('#') && chunks.length === 0) header.push(line);
  }
  return { name, header, chunks };
}

export function readRaw(name: string, dir = ESL_DIR): Buffer {
  return readFileSync(join(dir, `${name}.raw`));
}
