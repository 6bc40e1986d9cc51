/** JSON Pointers (RFC 6901), the path format of the shared validator's diagnostics. */
export function pointer(...segments: readonly (string | number)[]): string {
  return segments.length === 0
    ? ''
    : '/' + segments.map((s) => String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

export function parsePointer(path: string): string[] {
  if (path === '' || path === '/') return [];
  return path
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The param path (under the node's `params`) a diagnostic points at, or null when it points elsewhere.
 * `/nodes/3/params/prompt/tts` -> `/prompt/tts`.
 */
export function paramPointerOf(path: string): string | null {
  const segments = parsePointer(path);
  if (segments[0] !== 'nodes' || segments[2] !== 'params') return null;
  return pointer(...segments.slice(3));
}
