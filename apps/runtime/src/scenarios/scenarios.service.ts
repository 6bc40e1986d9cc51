import { BUNDLE_FORMAT } from './bundle-format.js';
import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { hasErrors, validate, type Catalog, type Diagnostic } from '@ivr/scenario-schema';
import { DataSource, Repository, type EntityManager } from 'typeorm';
import { nowIso } from '../common/time.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { CallbackNumberEntity } from '../routing/callback-number.entity.js';
import { RouteEntity } from '../routing/route.entity.js';
import { documentChecksum } from './canonical-checksum.js';
import { COMPONENT_CATALOG } from './scenario-catalog.js';
import { diffScenarios, type ScenarioDiff } from './scenario-diff.js';
import { readScenarioDocument, type ScenarioJson } from './scenario-document.js';
import { referencedScenarioIds } from './scenario-references.js';
import { ScenarioVersionEntity } from './scenario-version.entity.js';
import { ScenarioEntity } from './scenario.entity.js';

export interface ScenarioSummary {
  id: string;
  name: string;
  kind: string;
  liveVersion: number | null;
  revision: number;
  updatedAt: string;
  updatedBy: string;
}

export interface VersionSummary {
  version: number;
  note: string;
  publishedBy: string;
  publishedAt: string;
  checksum: string;
  live: boolean;
}

export interface ScenarioReference {
  type: 'route' | 'callback-number' | 'scenario';
  id: string;
  name: string;
}

/** `draft`, `live` or a version number. */
export type DocumentRef = number | 'draft' | 'live';

export { BUNDLE_FORMAT };

const summaryOf = (s: ScenarioEntity): ScenarioSummary => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  liveVersion: s.liveVersion,
  revision: s.revision,
  updatedAt: s.updatedAt,
  updatedBy: s.updatedBy,
});

@Injectable()
export class ScenariosService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ScenarioEntity) private readonly scenarios: Repository<ScenarioEntity>,
    @InjectRepository(ScenarioVersionEntity) private readonly versions: Repository<ScenarioVersionEntity>,
    @InjectRepository(RouteEntity) private readonly routes: Repository<RouteEntity>,
    @InjectRepository(CallbackNumberEntity) private readonly callbackNumbers: Repository<CallbackNumberEntity>,
    @Inject(COMPONENT_CATALOG) private readonly catalog: Catalog,
  ) {}

  async list(search?: string): Promise<ScenarioSummary[]> {
    const rows = await this.scenarios.find({
      select: ['id', 'name', 'kind', 'liveVersion', 'revision', 'updatedAt', 'updatedBy'],
      order: { name: 'ASC', id: 'ASC' },
    });
    const needle = search?.trim().toLowerCase();
    const matching = needle ? rows.filter((s) => s.id.includes(needle) || s.name.toLowerCase().includes(needle)) : rows;
    return matching.map(summaryOf);
  }

  async get(id: string) {
    const scenario = await this.require(id);
    return {
      ...summaryOf(scenario),
      createdAt: scenario.createdAt,
      createdBy: scenario.createdBy,
      document: scenario.draft,
    };
  }

  async create(input: unknown, actor: string): Promise<ScenarioSummary> {
    const document = readScenarioDocument(input);
    const exists = () => new ConflictException(`Scenario ${document.id} already exists`);
    if (await this.scenarios.existsBy({ id: document.id })) throw exists();
    return onUniqueViolation(
      async () => summaryOf(await this.insertScenario(this.scenarios.manager, document, actor)),
      exists,
    );
  }

  /** Optimistic lock: the write lands only if `revision` is still the stored one. */
  async saveDraft(id: string, input: unknown, revision: number, actor: string): Promise<{ revision: number }> {
    const document = readScenarioDocument(input);
    if (document.id !== id)
      throw new BadRequestException(`Invalid input: document.id is ${document.id} but the URL names ${id}`);
    await this.refuseKindChangeWhileBound(id, document.kind);
    const result = await this.scenarios
      .createQueryBuilder()
      .update(ScenarioEntity)
      .set({
        draft: document,
        name: document.name,
        kind: document.kind,
        revision: revision + 1,
        updatedAt: nowIso(),
        updatedBy: actor,
      })
      .where('id = :id AND revision = :revision', { id, revision })
      .execute();
    if (result.affected === 1) return { revision: revision + 1 };
    const current = await this.require(id);
    throw new ConflictException({
      message: `The draft was changed by ${current.updatedBy} at ${current.updatedAt} (revision ${current.revision}, yours was ${revision})`,
      currentRevision: current.revision,
      document: current.draft,
    });
  }

  async validate(id: string, document?: unknown): Promise<Diagnostic[]> {
    const target = document ?? (await this.require(id)).draft;
    return this.runValidator(target);
  }

  async publish(id: string, note: string, actor: string) {
    const scenario = await this.require(id);
    const diagnostics = await this.runValidator(scenario.draft);
    if (hasErrors(diagnostics)) {
      throw new UnprocessableEntityException({
        message: `Scenario ${id} has ${diagnostics.filter((d) => d.severity === 'error').length} error(s); fix them before publishing`,
        diagnostics,
      });
    }
    const publishRace = () =>
      new ConflictException(`Scenario ${id} was published by someone else at the same moment; try again`);
    return onUniqueViolation(
      () =>
        this.dataSource.transaction(async (manager) => {
          const latest = await manager
            .createQueryBuilder(ScenarioVersionEntity, 'v')
            .select('MAX(v.version)', 'max')
            .where('v.scenarioId = :id', { id })
            .getRawOne<{ max: number | string | null }>();
          const version = Number(latest?.max ?? 0) + 1;
          const row: ScenarioVersionEntity = {
            scenarioId: id,
            version,
            document: scenario.draft,
            checksum: documentChecksum(scenario.draft),
            note,
            publishedBy: actor,
            publishedAt: nowIso(),
          };
          await manager.insert(ScenarioVersionEntity, row);
          await manager.update(ScenarioEntity, { id }, { liveVersion: version });
          return {
            version,
            checksum: row.checksum,
            publishedAt: row.publishedAt,
            publishedBy: actor,
            note,
            diagnostics,
          };
        }),
      publishRace,
    );
  }

  async listVersions(id: string): Promise<VersionSummary[]> {
    const scenario = await this.require(id);
    const rows = await this.versions.find({
      where: { scenarioId: id },
      select: ['version', 'note', 'publishedBy', 'publishedAt', 'checksum'],
      order: { version: 'DESC' },
    });
    return rows.map((v) => ({ ...this.versionSummary(v, scenario) }));
  }

  async getVersion(id: string, version: number) {
    const scenario = await this.require(id);
    const row = await this.versions.findOneBy({ scenarioId: id, version });
    if (!row) throw new NotFoundException(`Scenario ${id} has no version ${version}`);
    return { ...this.versionSummary(row, scenario), document: row.document };
  }

  async document(id: string, ref: DocumentRef): Promise<Record<string, unknown>> {
    const scenario = await this.require(id);
    if (ref === 'draft') return scenario.draft;
    const version = ref === 'live' ? scenario.liveVersion : ref;
    if (version === null) throw new NotFoundException(`Scenario ${id} has no live version yet`);
    const row = await this.versions.findOneBy({ scenarioId: id, version });
    if (!row) throw new NotFoundException(`Scenario ${id} has no version ${version}`);
    return row.document;
  }

  async diff(id: string, from: DocumentRef, to: DocumentRef): Promise<ScenarioDiff> {
    return diffScenarios(await this.document(id, from), await this.document(id, to));
  }

  /** Moves the live pointer; calls already running keep the version they pinned at start. */
  async rollback(id: string, version: number): Promise<{ liveVersion: number }> {
    await this.require(id);
    if (!(await this.versions.existsBy({ scenarioId: id, version }))) {
      throw new NotFoundException(`Scenario ${id} has no version ${version}`);
    }
    await this.scenarios.update({ id }, { liveVersion: version });
    return { liveVersion: version };
  }

  /** The draft (or a version) alone, or a bundle with every scenario it calls, transitively. */
  async exportScenario(id: string, bundle: boolean, ref: DocumentRef = 'draft') {
    const root = await this.document(id, ref);
    if (!bundle) return root;
    const documents = [root];
    const missing: string[] = [];
    const seen = new Set([id]);
    for (let index = 0; index < documents.length; index++) {
      for (const ref of referencedScenarioIds(documents[index], this.catalog)) {
        if (seen.has(ref)) continue;
        seen.add(ref);
        const dependency = await this.scenarios.findOneBy({ id: ref });
        if (dependency) documents.push(dependency.draft);
        else missing.push(ref);
      }
    }
    return { format: BUNDLE_FORMAT, root: id, exportedAt: nowIso(), scenarios: documents, missing };
  }

  /**
   * Imports documents as drafts (new scenarios, or a new draft revision of existing ones). All or
   * nothing: every document is checked before anything is written. Published versions are never touched.
   */
  async importDocuments(inputs: unknown[], actor: string) {
    const documents = inputs.map((input, index) =>
      readScenarioDocument(input, inputs.length > 1 ? `scenarios[${index}]` : 'document'),
    );
    const ids = documents.map((d) => d.id);
    const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
    if (duplicate) throw new BadRequestException(`Invalid input: scenario ${duplicate} appears twice`);
    return this.dataSource.transaction(async (manager) => {
      const imported: { id: string; created: boolean; revision: number }[] = [];
      for (const document of documents) {
        const existing = await manager.findOneBy(ScenarioEntity, { id: document.id });
        if (!existing) {
          const created = await this.insertScenario(manager, document, actor);
          imported.push({ id: created.id, created: true, revision: created.revision });
          continue;
        }
        await this.refuseKindChangeWhileBound(document.id, document.kind);
        const revision = existing.revision + 1;
        await manager.update(
          ScenarioEntity,
          { id: document.id },
          {
            draft: document,
            name: document.name,
            kind: document.kind,
            revision,
            updatedAt: nowIso(),
            updatedBy: actor,
          },
        );
        imported.push({ id: document.id, created: false, revision });
      }
      return { imported };
    });
  }

  async remove(id: string): Promise<void> {
    await this.require(id);
    const referencedBy = await this.referencesTo(id);
    if (referencedBy.length > 0) {
      throw new ConflictException({
        message: `Scenario ${id} is still used by ${referencedBy.map((r) => `${r.type} ${r.name}`).join(', ')}`,
        referencedBy,
      });
    }
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(ScenarioVersionEntity, { scenarioId: id });
      await manager.delete(ScenarioEntity, { id });
    });
  }

  /** Routes, callback numbers and other scenarios (draft or live version) that point at `id`. */
  async referencesTo(id: string): Promise<ScenarioReference[]> {
    const references: ScenarioReference[] = [];
    for (const route of await this.routes.findBy({ scenarioId: id }))
      references.push({ type: 'route', id: route.id, name: route.name });
    for (const callback of await this.callbackNumbers.findBy({ scenarioId: id })) {
      references.push({ type: 'callback-number', id: callback.id, name: callback.number });
    }
    for (const other of await this.scenarios.find()) {
      if (other.id === id) continue;
      const documents = [other.draft];
      if (other.liveVersion !== null) {
        const live = await this.versions.findOneBy({ scenarioId: other.id, version: other.liveVersion });
        if (live) documents.push(live.document);
      }
      if (documents.some((doc) => referencedScenarioIds(doc, this.catalog).has(id))) {
        references.push({ type: 'scenario', id: other.id, name: other.name });
      }
    }
    return references;
  }

  /** Routes need main scenarios and callback numbers ivr ones: a kind change must not strand them. */
  private async refuseKindChangeWhileBound(id: string, kind: string): Promise<void> {
    const routes = kind === 'main' ? [] : await this.routes.findBy({ scenarioId: id });
    const callbacks = kind === 'ivr' ? [] : await this.callbackNumbers.findBy({ scenarioId: id });
    if (routes.length === 0 && callbacks.length === 0) return;
    const referencedBy: ScenarioReference[] = [
      ...routes.map((r) => ({ type: 'route' as const, id: r.id, name: r.name })),
      ...callbacks.map((c) => ({ type: 'callback-number' as const, id: c.id, name: c.number })),
    ];
    throw new ConflictException({
      message: `Scenario ${id} cannot become ${kind} while ${referencedBy.map((r) => `${r.type} ${r.name}`).join(', ')} use it`,
      referencedBy,
    });
  }

  private async runValidator(document: unknown): Promise<Diagnostic[]> {
    const known = new Set((await this.scenarios.find({ select: ['id'] })).map((s) => s.id));
    return validate(document, this.catalog, { scenarioExists: (ref) => known.has(ref) });
  }

  private async insertScenario(manager: EntityManager, document: ScenarioJson, actor: string): Promise<ScenarioEntity> {
    const now = nowIso();
    const row: ScenarioEntity = {
      id: document.id,
      name: document.name,
      kind: document.kind,
      draft: document,
      revision: 1,
      liveVersion: null,
      createdAt: now,
      createdBy: actor,
      updatedAt: now,
      updatedBy: actor,
    };
    await manager.insert(ScenarioEntity, row);
    return row;
  }

  private versionSummary(v: ScenarioVersionEntity, scenario: ScenarioEntity): VersionSummary {
    return {
      version: v.version,
      note: v.note,
      publishedBy: v.publishedBy,
      publishedAt: v.publishedAt,
      checksum: v.checksum,
      live: v.version === scenario.liveVersion,
    };
  }

  private async require(id: string): Promise<ScenarioEntity> {
    const scenario = await this.scenarios.findOneBy({ id });
    if (!scenario) throw new NotFoundException(`No scenario ${id}`);
    return scenario;
  }
}
