import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { catalog } from '@ivr/components';
import { validate, type Diagnostic } from '@ivr/scenario-schema';
import type { CliIo } from '../io.js';

interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
}

/** Reads and validates one file; unreadable files and broken JSON become diagnostics too. */
export async function validateFile(file: string): Promise<FileReport> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return {
      file,
      diagnostics: [fileDiagnostic(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? error}`)],
    };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { file, diagnostics: [fileDiagnostic(`not valid JSON: ${(error as Error).message}`)] };
  }
  return { file, diagnostics: validate(doc, catalog) };
}

function fileDiagnostic(message: string): Diagnostic {
  return { severity: 'error', code: 'not-an-object', message, path: '' };
}

export function formatReport(report: FileReport): string {
  if (report.diagnostics.length === 0) return `${report.file}: ok\n`;
  const lines = report.diagnostics.map((d) => {
    const where = [d.nodeId ? `node ${d.nodeId}` : '', d.path ? d.path : ''].filter(Boolean).join(' at ');
    return `${report.file}: ${d.severity} ${d.code}${where ? ` (${where})` : ''}: ${d.message}`;
  });
  return lines.join('\n') + '\n';
}

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length === 0) {
    io.err.write('usage: pnpm ivr validate FILE... [--json]\n');
    return 2;
  }
  const reports = await Promise.all(positionals.map(validateFile));
  if (values.json) io.out.write(JSON.stringify(reports, null, 2) + '\n');
  else {
    for (const report of reports) io.out.write(formatReport(report));
    const errors = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'error').length, 0);
    const warnings = reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
    io.out.write(`${reports.length} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return reports.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
