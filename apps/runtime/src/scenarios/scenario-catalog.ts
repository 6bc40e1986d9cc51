import { catalog } from '@ivr/components';
import type { Catalog } from '@ivr/scenario-schema';

/** The component catalog the runtime validates against and serves to the designer. */
export function defaultCatalog(): Catalog {
  return catalog;
}

/** Injection token of the Catalog (tests may provide their own). */
export const COMPONENT_CATALOG = Symbol('COMPONENT_CATALOG');
