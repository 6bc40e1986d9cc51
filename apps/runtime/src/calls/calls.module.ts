import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallRecordEntity } from './call-record.entity.js';
import { CallRecordsService } from './call-records.service.js';
import { CallsController } from './calls.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([CallRecordEntity])],
  controllers: [CallsController],
  providers: [CallRecordsService],
  exports: [CallRecordsService],
})
export class CallsModule {}
