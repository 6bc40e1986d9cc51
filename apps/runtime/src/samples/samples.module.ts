import { Module } from '@nestjs/common';
import { ScenariosModule } from '../scenarios/scenarios.module.js';
import { SamplesController } from './samples.controller.js';
import { SamplesService } from './samples.service.js';

@Module({ imports: [ScenariosModule], controllers: [SamplesController], providers: [SamplesService] })
export class SamplesModule {}
