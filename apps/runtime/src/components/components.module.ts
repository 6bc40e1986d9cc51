import { Module } from '@nestjs/common';
import { ComponentsController } from './components.controller.js';

@Module({ controllers: [ComponentsController] })
export class ComponentsModule {}
