/** The drag payload of a palette item: the component's type and version. */
export const PALETTE_DRAG_TYPE = 'application/x-ivr-component';

export function paletteDragValue(type: string, typeVersion: number): string {
  return JSON.stringify({ type, typeVersion });
}

export function parsePaletteDrag(value: string): { type: string; typeVersion: number } | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as { type?: unknown; typeVersion?: unknown };
    if (typeof parsed.type === 'string' && typeof parsed.typeVersion === 'number')
      return { type: parsed.type, typeVersion: parsed.typeVersion };
  } catch {
    // Not ours: something else dragged onto the canvas.
  }
  return null;
}
