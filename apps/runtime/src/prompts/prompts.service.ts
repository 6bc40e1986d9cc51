import { createHmac, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { nowIso } from '../common/time.js';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { onUniqueViolation } from '../database/unique-violation.js';
import { AudioFormatError, inspectAudio } from './audio-format.js';
import { PromptEntity } from './prompt.entity.js';
import { PromptMediaSigner } from './prompt-media-signer.js';
import { PromptStore } from './prompt-store.js';

/** What the telephony side needs to play a prompt: the shared-folder path, or a signed URL path. */
export interface PromptPlayback {
  id: string;
  format: 'wav' | 'mp3';
  durationMs: number | null;
  filePath: string;
  mediaPath: string;
}

export interface PromptUpload {
  name: string;
  language: string;
  description?: string | null;
  originalName: string;
  bytes: Buffer;
}

@Injectable()
export class PromptsService {
  readonly store: PromptStore;
  readonly signer: PromptMediaSigner;

  constructor(
    @InjectRepository(PromptEntity) private readonly prompts: Repository<PromptEntity>,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.store = new PromptStore(config.promptsDir);
    // A key of its own, derived from the secret key, so media URLs reveal nothing about it.
    this.signer = new PromptMediaSigner(createHmac('sha256', config.secretKey).update('prompt-media').digest());
  }

  list(filter: { language?: string; search?: string }): Promise<PromptEntity[]> {
    return this.prompts
      .find({ order: { name: 'ASC', language: 'ASC' } })
      .then((rows) =>
        rows.filter(
          (p) =>
            (!filter.language || p.language === filter.language) &&
            (!filter.search || p.name.includes(filter.search.toLowerCase())),
        ),
      );
  }

  async get(id: string): Promise<PromptEntity> {
    const prompt = await this.prompts.findOneBy({ id });
    if (!prompt) throw new NotFoundException(`No prompt ${id}`);
    return prompt;
  }

  /** For the engine: the prompt by the name and language scenarios use, or null. */
  async playback(name: string, language: string): Promise<PromptPlayback | null> {
    const prompt = await this.prompts.findOneBy({ name, language });
    if (!prompt) return null;
    return {
      id: prompt.id,
      format: prompt.format,
      durationMs: prompt.durationMs,
      filePath: this.store.absolutePath(prompt.filePath),
      mediaPath: this.signer.mediaPath(prompt.filePath),
    };
  }

  /**
   * Synchronous lookup for the media layer (telephony's resolveFile): the absolute path of the
   * prompt's file in the store, or undefined. Names that are not prompt names resolve to nothing.
   */
  localPath(name: string, language: string): string | undefined {
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(name) || !/^[a-z]{2,3}(-[A-Z]{2})?$/.test(language)) return undefined;
    for (const extension of ['wav', 'mp3']) {
      const path = this.store.absolutePath(this.store.relativePath(language, name, extension));
      if (existsSync(path)) return path;
    }
    return undefined;
  }

  async upload(upload: PromptUpload, actor: string): Promise<PromptEntity> {
    const info = this.inspect(upload);
    const exists = () =>
      new ConflictException(
        `Prompt ${upload.name} (${upload.language}) exists; delete it or upload under another name`,
      );
    if (await this.prompts.existsBy({ name: upload.name, language: upload.language })) throw exists();
    const row: PromptEntity = {
      id: randomUUID(),
      name: upload.name,
      language: upload.language,
      format: info.format,
      sizeBytes: upload.bytes.length,
      durationMs: info.durationMs,
      sampleRate: info.sampleRate,
      channels: info.channels,
      filePath: this.store.relativePath(upload.language, upload.name, info.format),
      description: upload.description ?? null,
      uploadedBy: actor,
      uploadedAt: nowIso(),
    };
    await onUniqueViolation(() => this.prompts.insert(row), exists);
    try {
      await this.store.write(row.filePath, upload.bytes);
    } catch (error) {
      await this.prompts.delete({ id: row.id });
      throw error;
    }
    return row;
  }

  async update(id: string, changes: { description: string | null }): Promise<PromptEntity> {
    await this.get(id);
    await this.prompts.update({ id }, { description: changes.description });
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const prompt = await this.get(id);
    await this.prompts.delete({ id });
    await this.store.remove(prompt.filePath);
  }

  private inspect(upload: PromptUpload) {
    const extension = /\.([A-Za-z0-9]{1,5})$/.exec(upload.originalName)?.[1]?.toLowerCase();
    let info;
    try {
      info = inspectAudio(upload.bytes);
    } catch (error) {
      if (error instanceof AudioFormatError) throw new BadRequestException(`Invalid audio: ${error.message}`);
      throw error;
    }
    const expected = info.format === 'wav' ? ['wav'] : ['mp3'];
    if (!extension || !expected.includes(extension)) {
      throw new BadRequestException(
        `Invalid audio: the content is ${info.format.toUpperCase()} but the file is named ${upload.originalName}`,
      );
    }
    return info;
  }
}
