import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLE_FORMAT } from '../../scenarios/bundle-format.js';
import type { CliIo } from '../io.js';

/** Scenario documents among the paths: JSON files with an ivr-scenario format (folders searched one level and scenarios/). */
async function scenarioDocuments(paths: readonly string[]): Promise<Array<{ file: string; document: unknown }>> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      for (const folder of [path, join(path, 'scenarios')]) {
        const entries = await readdir(folder).catch(() => [] as string[]);
        files.push(
          ...entries
            .filter((e) => e.endsWith('.json'))
            .sort()
            .map((e) => join(folder, e)),
        );
      }
    } else files.push(path);
  }
  const documents: Array<{ file: string; document: unknown }> = [];
  for (const file of files) {
    const document = JSON.parse(await readFile(file, 'utf8')) as { format?: unknown };
    if (typeof document.format === 'string' && document.format.startsWith('ivr-scenario/'))
      documents.push({ file, document });
  }
  return documents;
}

/**
 * `pnpm ivr import PATH...`: imports scenario files or sample folders into a running runtime through
 * its API (IVR_URL, IVR_USERNAME, IVR_PASSWORD; default http://127.0.0.1:3000 as admin/admin), as
 * one bundle so references between them resolve.
 */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { url: { type: 'string' }, username: { type: 'string' }, password: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    io.err.write('usage: pnpm ivr import PATH... [--url http://127.0.0.1:3000] [--username admin] [--password ...]\n');
    return 2;
  }
  const url = (values.url ?? process.env.IVR_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
  const username = values.username ?? process.env.IVR_USERNAME ?? 'admin';
  const password = values.password ?? process.env.IVR_PASSWORD ?? 'admin';
  const documents = await scenarioDocuments(positionals);
  if (documents.length === 0) {
    io.err.write('no scenario files (JSON with an ivr-scenario format) found\n');
    return 1;
  }
  let login: Response;
  try {
    login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  } catch (error) {
    io.err.write(`cannot reach the runtime at ${url}: ${(error as Error).message}. Is it running (npm start)?\n`);
    return 1;
  }
  if (!login.ok) {
    io.err.write(`login as ${username} failed: HTTP ${login.status}\n`);
    return 1;
  }
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${url}/api/scenarios/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ bundle: { format: BUNDLE_FORMAT, scenarios: documents.map((d) => d.document) } }),
  });
  const body = (await response.json().catch(() => ({}))) as { message?: unknown; imported?: unknown };
  if (!response.ok) {
    io.err.write(`import refused (HTTP ${response.status}): ${JSON.stringify(body.message ?? body)}\n`);
    return 1;
  }
  for (const { file } of documents) io.out.write(`imported ${file}\n`);
  io.out.write(`${documents.length} scenario(s) imported into ${url}\n`);
  return 0;
}
