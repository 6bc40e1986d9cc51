import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallbackNumberEntity } from '../routing/callback-number.entity.js';
import { RouteEntity } from '../routing/route.entity.js';
import { ScenarioVersionEntity } from './scenario-version.entity.js';
import { ScenarioEntity } from './scenario.entity.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ScenarioEntity, ScenarioVersionEntity, RouteEntity, CallbackNumberEntity])],
  controllers: [ScenariosController],
  providers: [ScenariosService],
  exports: [ScenariosService],
})
export class ScenariosModule {}
