import type { ScenarioDocument } from '@ivr/scenario-schema';
import type { Diagnostic } from '../../api/types';
import { parsePointer } from '../../schema/jsonPointer';
import { getIn } from '../store/documentModel';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The variable a diagnostic asks to be declared, if any: the name written into by a component
 * (read from the document at the diagnostic's path) or the name an expression uses.
 */
export function undeclaredVariable(diagnostic: Diagnostic, doc: ScenarioDocument): string | null {
  let name: unknown = null;
  if (diagnostic.code === 'variable-target-undeclared') name = getIn(doc, parsePointer(diagnostic.path));
  else if (diagnostic.code === 'undefined-variable')
    name = /([A-Za-z_][A-Za-z0-9_]*) is not declared/.exec(diagnostic.message)?.[1];
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) return null;
  const declared = [...doc.variables, ...doc.params].some((v) => v.name === name);
  return declared ? null : name;
}
