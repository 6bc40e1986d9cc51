import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { ScenariosService } from '../scenarios/scenarios.service.js';

export interface SampleScenario {
  id: string;
  name: string;
  kind: string;
  file: string;
}

export interface SampleSummary {
  name: string;
  title: string;
  /** The kind of the sample's entry scenario (a main one when there is one). */
  kind: string;
  scenarios: SampleScenario[];
}

const SAMPLE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The seed samples: each folder under samples/ holds scenario JSON files (and its data and tests).
 * A README.md's first heading, when there is one, is the title.
 */
@Injectable()
export class SamplesService {
  private readonly root: string;

  constructor(
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
    @Inject(ScenariosService) private readonly scenarios: ScenariosService,
  ) {
    this.root = resolve(config.samplesDir);
  }

  async list(): Promise<SampleSummary[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    const samples: SampleSummary[] = [];
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory() || !SAMPLE_NAME.test(entry.name)) continue;
      const sample = await this.read(entry.name);
      if (sample.summary.scenarios.length > 0) samples.push(sample.summary);
    }
    return samples;
  }

  async importSample(name: string, actor: string) {
    if (!SAMPLE_NAME.test(name)) throw new NotFoundException(`No sample ${name}`);
    const folder = resolve(this.root, name);
    if (!folder.startsWith(this.root + sep) || !(await stat(folder).catch(() => null))?.isDirectory()) {
      throw new NotFoundException(`No sample ${name}`);
    }
    const { documents } = await this.read(name);
    if (documents.length === 0) throw new NotFoundException(`Sample ${name} has no scenarios`);
    return this.scenarios.importDocuments(documents, actor);
  }

  private async read(name: string): Promise<{ summary: SampleSummary; documents: unknown[] }> {
    const folder = join(this.root, name);
    const files = await this.scenarioFiles(folder);
    const scenarios: SampleScenario[] = [];
    const documents: unknown[] = [];
    for (const file of files) {
      const document = await readFile(join(folder, file), 'utf8')
        .then((text) => JSON.parse(text) as unknown)
        .catch(() => undefined);
      const { format, id, name: scenarioName, kind } = (document ?? {}) as Record<string, unknown>;
      if (typeof format !== 'string' || !format.startsWith('ivr-scenario/') || typeof id !== 'string') continue;
      scenarios.push({ id, name: String(scenarioName ?? id), kind: String(kind ?? 'unknown'), file });
      documents.push(document);
    }
    const entry = scenarios.find((s) => s.kind === 'main') ?? scenarios[0];
    const title = (await this.readmeTitle(folder)) ?? entry?.name ?? name;
    return { summary: { name, title, kind: entry?.kind ?? 'unknown', scenarios }, documents };
  }

  /** JSON files in the folder itself and in a scenarios/ subfolder. */
  private async scenarioFiles(folder: string): Promise<string[]> {
    const top = await readdir(folder).catch(() => [] as string[]);
    const nested = (await readdir(join(folder, 'scenarios')).catch(() => [] as string[])).map((f) => `scenarios/${f}`);
    return [...top, ...nested]
      .filter((f) => f.endsWith('.json') && !/(^|\/)(package|tsconfig)[^/]*\.json$/.test(f))
      .sort();
  }

  private async readmeTitle(folder: string): Promise<string | undefined> {
    const text = await readFile(join(folder, 'README.md'), 'utf8').catch(() => undefined);
    return text ? /^#\s+(.+)$/m.exec(text)?.[1]?.trim() : undefined;
  }
}
