import type { ClipboardPayload } from '../store/clipboard';
import { parseClipboard } from '../store/clipboard';

/**
 * Nodes go to the system clipboard as JSON so they can be pasted into another tab or scenario. Where
 * the async clipboard API is refused (permissions, plain http), the last copy is kept in memory too.
 */
let lastCopied: string | null = null;

export async function writeNodesToClipboard(payload: ClipboardPayload): Promise<void> {
  const text = JSON.stringify(payload);
  lastCopied = text;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // Memory copy above still serves this tab.
  }
}

export async function readNodesFromClipboard(): Promise<ClipboardPayload | null> {
  try {
    const text = await navigator.clipboard.readText();
    const payload = parseClipboard(text);
    if (payload) return payload;
  } catch {
    // Fall back to this tab's last copy.
  }
  return lastCopied ? parseClipboard(lastCopied) : null;
}

/** For the native copy event (Ctrl+C), which needs no permission. */
export function rememberCopied(text: string): void {
  lastCopied = text;
}
