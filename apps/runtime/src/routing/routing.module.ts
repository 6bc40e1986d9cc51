import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ScenarioEntity } from '../scenarios/scenario.entity.js';
import { CallbackNumberEntity } from './callback-number.entity.js';
import { CallbackNumbersService } from './callback-numbers.service.js';
import { ParkingLotEntity } from './parking-lot.entity.js';
import { RouteEntity } from './route.entity.js';
import { RoutesService } from './routes.service.js';
import { CallbackNumbersController, ParkingLotsController, RoutesController } from './routing.controllers.js';
import { ParkingLotsService } from './parking-lots.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([RouteEntity, ParkingLotEntity, CallbackNumberEntity, ScenarioEntity])],
  controllers: [RoutesController, ParkingLotsController, CallbackNumbersController],
  providers: [RoutesService, ParkingLotsService, CallbackNumbersService],
  exports: [RoutesService, ParkingLotsService, CallbackNumbersService],
})
export class RoutingModule {}
