import { scenarioDocumentSchema, type ScenarioDocument } from '@ivr/scenario-schema';

/** Offers a JSON text as a file download. */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Lets the user pick a file and returns its text (null when cancelled). */
export function pickTextFile(accept = 'application/json,.json'): Promise<string | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = () => {
      const file = input.files?.[0];
      if (!file) resolve(null);
      else void file.text().then(resolve);
    };
    input.oncancel = () => resolve(null);
    input.click();
  });
}

/**
 * Parses an imported scenario document. The shape must be a scenario document; whether it is a good
 * one is the validator's job, shown in the problems panel like any other draft.
 */
export function parseScenarioDocument(
  text: string,
  preferredId?: string,
): { doc: ScenarioDocument } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const parsed = scenarioDocumentSchema.safeParse(pickDocument(value, preferredId));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { error: issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid document' };
  }
  return { doc: parsed.data };
}

/** An export bundle (`{ scenarios: [...] }`) holds several documents: the one with this id, else the first. */
function pickDocument(value: unknown, preferredId?: string): unknown {
  if (!value || typeof value !== 'object' || !Array.isArray((value as { scenarios?: unknown }).scenarios)) return value;
  const scenarios = (value as { scenarios: { id?: unknown }[] }).scenarios;
  return scenarios.find((s) => s?.id === preferredId) ?? scenarios[0];
}
