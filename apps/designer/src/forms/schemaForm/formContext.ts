import { createContext, useContext } from 'react';

export interface SchemaFormContext {
  /** Prefix of every data-testid in the form: `field-<nodeId>-` */
  testIdPrefix: string;
  /** Validator messages by param JSON Pointer (`/prompt/tts`). */
  messages: ReadonlyMap<string, readonly string[]>;
  /** Names offered by expression and variable fields. */
  variables: readonly string[];
  readOnly: boolean;
  onChange(path: readonly (string | number)[], value: unknown): void;
  /** A field lost focus: the typing burst is over, the next edit is its own undo step. */
  onCommit(): void;
}

export const FormContext = createContext<SchemaFormContext | null>(null);

export function useFormContext(): SchemaFormContext {
  const context = useContext(FormContext);
  if (!context) throw new Error('schema form field outside FormContext');
  return context;
}
