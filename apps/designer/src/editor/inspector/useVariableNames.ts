import { useMemo } from 'react';
import { systemVariableNames } from '../../schema/sharedSchema';
import { useEditor } from '../store/EditorStoreContext';

/** Declared variables, params and system variables: what an expression may name. */
export function useVariableNames(): string[] {
  const variables = useEditor((s) => s.doc.variables);
  const params = useEditor((s) => s.doc.params);
  return useMemo(
    () => [...variables.map((v) => v.name), ...params.map((p) => p.name), ...systemVariableNames()],
    [variables, params],
  );
}
