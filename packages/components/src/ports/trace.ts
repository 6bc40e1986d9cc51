/**
 * Details an executor adds to its step's trace (the engine already records node, exit, duration and
 * changed variables). The engine redacts sensitive variables and drops everything from a sensitive
 * component; executors still never pass card data here.
 */
export interface TracePort {
  note(message: string, data?: Readonly<Record<string, unknown>>): void;
}
