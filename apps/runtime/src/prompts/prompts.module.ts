import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { memoryStorage } from 'multer';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { PromptMediaController } from './prompt-media.controller.js';
import { PromptEntity } from './prompt.entity.js';
import { PromptsController } from './prompts.controller.js';
import { PromptsService } from './prompts.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([PromptEntity]),
    // In memory, bounded: the header is checked before anything touches the disk.
    MulterModule.registerAsync({
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.promptMaxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
      }),
    }),
  ],
  controllers: [PromptsController, PromptMediaController],
  providers: [PromptsService],
  exports: [PromptsService],
})
export class PromptsModule {}
