import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { MinRole } from '../auth/access.decorators.js';
import { openApiSchema, zodPipe } from '../common/zod-body.js';
import { CallbackNumbersService } from './callback-numbers.service.js';
import { ParkingLotsService } from './parking-lots.service.js';
import { RoutesService } from './routes.service.js';
import {
  callbackNumberBody,
  parkingLotBody,
  resolveQuery,
  routeBody,
  uuidParam,
  type RouteInput,
} from './routing.schemas.js';

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/routes')
@MinRole('admin')
export class RoutesController {
  constructor(
    @Inject(RoutesService) private readonly routes: RoutesService,
    @Inject(ParkingLotsService) private readonly lots: ParkingLotsService,
  ) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.routes.list();
  }

  /**
   * What a call to this number would do now (or at `at`): the route it takes, and whether the
   * number parks a call or picks one up from a slot. A dry run for the admin.
   */
  @Get('resolve')
  @MinRole('viewer')
  async resolve(@Query(zodPipe(resolveQuery)) query: z.infer<typeof resolveQuery>) {
    const route = await this.routes.resolve(query.number, query.at ? new Date(query.at) : new Date());
    const parking = await this.lots.findByNumber(query.number);
    return {
      number: query.number,
      route,
      parking: parking
        ? { lotId: parking.lot.id, lotName: parking.lot.name, action: parking.action, slot: parking.slot ?? null }
        : null,
    };
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(uuidParam)) id: string) {
    return this.routes.get(id);
  }

  @Post()
  @ApiBody({ schema: openApiSchema(routeBody) })
  create(@Body(zodPipe(routeBody)) body: RouteInput) {
    return this.routes.create(body);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(routeBody) })
  update(@Param('id', zodPipe(uuidParam)) id: string, @Body(zodPipe(routeBody)) body: RouteInput) {
    return this.routes.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(uuidParam)) id: string): Promise<void> {
    await this.routes.remove(id);
  }
}

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/parking-lots')
@MinRole('admin')
export class ParkingLotsController {
  constructor(@Inject(ParkingLotsService) private readonly lots: ParkingLotsService) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.lots.list();
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(uuidParam)) id: string) {
    return this.lots.get(id);
  }

  @Post()
  @ApiBody({ schema: openApiSchema(parkingLotBody) })
  create(@Body(zodPipe(parkingLotBody)) body: z.infer<typeof parkingLotBody>) {
    return this.lots.create(body);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(parkingLotBody) })
  update(
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body(zodPipe(parkingLotBody)) body: z.infer<typeof parkingLotBody>,
  ) {
    return this.lots.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(uuidParam)) id: string): Promise<void> {
    await this.lots.remove(id);
  }
}

@ApiTags('routing')
@ApiBearerAuth()
@Controller('api/callback-numbers')
@MinRole('admin')
export class CallbackNumbersController {
  constructor(@Inject(CallbackNumbersService) private readonly numbers: CallbackNumbersService) {}

  @Get()
  @MinRole('viewer')
  list() {
    return this.numbers.list();
  }

  @Get(':id')
  @MinRole('viewer')
  get(@Param('id', zodPipe(uuidParam)) id: string) {
    return this.numbers.get(id);
  }

  @Post()
  @ApiBody({ schema: openApiSchema(callbackNumberBody) })
  create(@Body(zodPipe(callbackNumberBody)) body: z.infer<typeof callbackNumberBody>) {
    return this.numbers.create(body);
  }

  @Put(':id')
  @ApiBody({ schema: openApiSchema(callbackNumberBody) })
  update(
    @Param('id', zodPipe(uuidParam)) id: string,
    @Body(zodPipe(callbackNumberBody)) body: z.infer<typeof callbackNumberBody>,
  ) {
    return this.numbers.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', zodPipe(uuidParam)) id: string): Promise<void> {
    await this.numbers.remove(id);
  }
}
