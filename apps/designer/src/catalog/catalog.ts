/**
 * The component catalog the designer draws and validates with. @ivr/components is browser-safe (its
 * definitions are data; executors attach in the runtime only), so it is bundled rather than fetched.
 */
export { catalog } from '@ivr/components';
