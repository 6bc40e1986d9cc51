import type { ParkingLotsService } from '../routing/parking-lots.service.js';
import type { RoutesService } from '../routing/routes.service.js';
import type { CallRouter } from '../telephony/telephony-service.js';

/**
 * Where an inbound call goes: a parking lot's park number parks it, one of its slots picks up the
 * call parked there, otherwise the routing table names the main scenario.
 */
export function callRouter(routes: RoutesService, parking: ParkingLotsService): CallRouter {
  return {
    async route(call) {
      const lot = await parking.findByNumber(call.destination);
      if (lot?.action === 'park') {
        return {
          park: lot.lot.name,
          firstSlot: lot.lot.slotFrom,
          lastSlot: lot.lot.slotTo,
          timeoutMs: lot.lot.timeoutSeconds * 1000,
          announce: true,
          onTimeout: 'return',
        };
      }
      if (lot?.action === 'pickup' && lot.slot !== undefined) return { pickup: lot.lot.name, slot: String(lot.slot) };
      const route = await routes.resolve(call.destination, new Date());
      return route ? { scenarioId: route.scenarioId } : null;
    },
  };
}
