/** How one property of an admin resource is edited and shown. */
export interface ResourceField {
  name: string;
  /** i18n key of the label. */
  label: string;
  /** `scenario`: a scenario id, suggested from the server's scenarios. */
  kind: 'text' | 'textarea' | 'number' | 'boolean' | 'select' | 'json' | 'scenario';
  options?: readonly string[];
  required?: boolean;
  /** Sent as null when left empty (the API's nullable columns). */
  nullable?: boolean;
  /** Shown as a table column. */
  column?: boolean;
  defaultValue?: unknown;
  /** Shown in the table only: the server computes it (a connection's `secretsSet`). */
  listOnly?: boolean;
}

/** The form's text state for a record. */
export function toFormValues(
  fields: readonly ResourceField[],
  record: Record<string, unknown> | null,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.listOnly) continue;
    const value = record?.[field.name] ?? field.defaultValue;
    values[field.name] =
      field.kind === 'json'
        ? value === undefined || value === null
          ? ''
          : JSON.stringify(value, null, 2)
        : (value ?? (field.kind === 'boolean' ? false : ''));
  }
  return values;
}

/** The request body from the form's values; throws with the field name when a JSON field does not parse. */
export function toRequestBody(
  fields: readonly ResourceField[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.listOnly) continue;
    const value = values[field.name];
    if (field.kind === 'json') {
      const text = String(value ?? '').trim();
      if (text === '') {
        if (field.nullable) body[field.name] = null;
        continue;
      }
      try {
        body[field.name] = JSON.parse(text);
      } catch {
        throw new Error(`${field.name}: not valid JSON`);
      }
    } else if (field.kind === 'number') {
      if (value === '' || value === undefined) {
        if (field.nullable) body[field.name] = null;
      } else body[field.name] = Number(value);
    } else if (field.kind === 'boolean') body[field.name] = Boolean(value);
    else if (value === '' || value === undefined || value === null) {
      if (field.nullable) body[field.name] = null;
    } else body[field.name] = value;
  }
  return body;
}
