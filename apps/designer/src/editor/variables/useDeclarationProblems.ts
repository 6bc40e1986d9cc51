import { useMemo } from 'react';
import { parsePointer } from '../../schema/jsonPointer';
import { useEditor } from '../store/EditorStoreContext';

/** Validator messages about declared variables or params, by row index (`/variables/2/name` -> 2). */
export function useDeclarationProblems(list: 'variables' | 'params'): ReadonlyMap<number, string> {
  const diagnostics = useEditor((s) => s.diagnostics);
  return useMemo(() => {
    const byRow = new Map<number, string>();
    for (const d of diagnostics) {
      const [head, index] = parsePointer(d.path);
      if (head !== list || index === undefined) continue;
      const row = Number(index);
      byRow.set(row, byRow.has(row) ? `${byRow.get(row)}; ${d.message}` : d.message);
    }
    return byRow;
  }, [diagnostics, list]);
}
