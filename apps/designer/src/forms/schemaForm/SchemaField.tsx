import { memo, useState } from 'react';
import {
  ActionIcon,
  Autocomplete,
  Box,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocalize } from '../../i18n/useLanguage';
import { pointer } from '../../schema/jsonPointer';
import { ExpressionInput } from './ExpressionInput';
import { emptyValue, isVisible, type FieldSpec } from './fieldModel';
import { useFormContext } from './formContext';
import { ReferenceInput } from './ReferenceInput';

type Path = readonly (string | number)[];

interface FieldProps {
  spec: FieldSpec;
  value: unknown;
  path: Path;
  /** Overrides the label (list items, map values). */
  label?: string;
}

function useFieldChrome(spec: FieldSpec, path: Path, label?: string) {
  const localize = useLocalize();
  const context = useFormContext();
  const messages = context.messages.get(pointer(...path));
  return {
    context,
    label: label ?? (spec.label ? localize(spec.label as never) : spec.name),
    description: spec.help ? localize(spec.help as never) : undefined,
    error: messages && messages.length > 0 ? messages.join('; ') : undefined,
    // The params object itself (unknown components' raw JSON) is `<prefix>params`.
    testId: `${context.testIdPrefix}${path.length > 0 ? path.join('.') : 'params'}`,
  };
}

/** One field of a generated form; objects, lists and maps recurse. */
export const SchemaField = memo(function SchemaField({ spec, value, path, label }: FieldProps) {
  switch (spec.kind) {
    case 'object':
      return <ObjectField spec={spec} value={value} path={path} label={label} />;
    case 'list':
      return <ListField spec={spec} value={value} path={path} label={label} />;
    case 'map':
      return <MapField spec={spec} value={value} path={path} label={label} />;
    default:
      return <ScalarField spec={spec} value={value} path={path} label={label} />;
  }
});

function ScalarField({ spec, value, path, label }: FieldProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const chrome = useFieldChrome(spec, path, label);
  const { context } = chrome;
  const set = (next: unknown) => context.onChange(path, next);
  const common = {
    label: chrome.label,
    description: chrome.description,
    error: chrome.error,
    required: spec.required,
    disabled: context.readOnly,
    placeholder: spec.placeholder ?? (spec.defaultValue !== undefined ? String(spec.defaultValue) : undefined),
    'data-testid': chrome.testId,
    onBlur: context.onCommit,
  };
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  // An empty optional string is "not set": the key is removed so the component's default applies.
  const setText = (next: string) => set(next === '' && !spec.required ? undefined : next);

  switch (spec.kind) {
    case 'text':
      if (spec.widget === 'connection' || spec.widget === 'scenario')
        return (
          <ReferenceInput
            {...common}
            widget={spec.widget}
            connectionKind={spec.connectionKind}
            value={text}
            onChange={setText}
          />
        );
      return <TextInput {...common} value={text} onChange={(e) => setText(e.currentTarget.value)} />;
    case 'textarea':
    case 'code':
      return (
        <Textarea
          {...common}
          value={text}
          autosize
          minRows={spec.kind === 'code' ? 4 : 2}
          styles={spec.kind === 'code' ? { input: { fontFamily: 'ui-monospace, monospace' } } : undefined}
          onChange={(e) => setText(e.currentTarget.value)}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          min={spec.min}
          max={spec.max}
          allowDecimal={!spec.integer}
          onChange={(next) => set(typeof next === 'number' ? next : next === '' ? undefined : Number(next))}
        />
      );
    case 'boolean':
      return (
        <Switch
          label={chrome.label}
          description={chrome.description}
          error={chrome.error}
          disabled={context.readOnly}
          checked={typeof value === 'boolean' ? value : spec.defaultValue === true}
          onChange={(e) => {
            set(e.currentTarget.checked);
            context.onCommit();
          }}
          data-testid={chrome.testId}
        />
      );
    case 'select':
      return (
        <Select
          {...common}
          value={typeof value === 'string' ? value : null}
          clearable={!spec.required}
          data={(spec.options ?? []).map((o) => ({
            value: o.value,
            label: o.label ? localize(o.label as never) : o.value,
          }))}
          onChange={(next) => {
            set(next ?? undefined);
            context.onCommit();
          }}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          value={Array.isArray(value) ? (value as string[]) : []}
          data={(spec.options ?? []).map((o) => ({
            value: o.value,
            label: o.label ? localize(o.label as never) : o.value,
          }))}
          onChange={(next) => {
            set(next);
            context.onCommit();
          }}
        />
      );
    case 'variable':
      return (
        <Autocomplete
          {...common}
          value={text}
          data={[...new Set(context.variables.filter((name) => !name.includes('.')))]}
          onChange={setText}
          styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
        />
      );
    case 'expression':
    case 'template':
      return (
        <ExpressionInput
          mode={spec.kind}
          value={text}
          onChange={setText}
          onBlur={context.onCommit}
          variables={context.variables}
          label={
            spec.kind === 'expression' && spec.expressionType && spec.expressionType !== 'dyn'
              ? `${chrome.label} (${spec.expressionType})`
              : chrome.label
          }
          description={chrome.description}
          error={chrome.error}
          required={spec.required}
          disabled={context.readOnly}
          placeholder={spec.placeholder}
          testId={chrome.testId}
        />
      );
    default:
      return <JsonField {...common} value={value} onValue={set} invalidText={t('inspector.invalidJson')} />;
  }
}

/** Anything the form cannot shape (unions, free JSON): edited as JSON, applied when it parses. */
function JsonField({
  value,
  onValue,
  invalidText,
  error,
  ...props
}: {
  value: unknown;
  onValue(value: unknown): void;
  invalidText: string;
  error?: string;
  label?: string;
  description?: string;
  disabled?: boolean;
  onBlur(): void;
  'data-testid': string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  let parseError: string | undefined;
  if (draft !== null && draft.trim() !== '') {
    try {
      JSON.parse(draft);
    } catch {
      parseError = invalidText;
    }
  }
  return (
    <Textarea
      {...props}
      value={shown}
      error={parseError ?? error}
      autosize
      minRows={2}
      styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 12 } }}
      onChange={(e) => {
        const text = e.currentTarget.value;
        setDraft(text);
        if (text.trim() === '') onValue(undefined);
        else
          try {
            onValue(JSON.parse(text));
          } catch {
            // Keep typing: applied once it parses.
          }
      }}
      onBlur={() => {
        setDraft(null);
        props.onBlur();
      }}
    />
  );
}

function ObjectField({ spec, value, path, label }: FieldProps) {
  const { t } = useTranslation();
  const chrome = useFieldChrome(spec, path, label);
  const object =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const fields = (spec.fields ?? []).filter((field) => isVisible(field, object));
  const basic = fields.filter((f) => !f.advanced);
  const advanced = fields.filter((f) => f.advanced);
  const [showAdvanced, setShowAdvanced] = useState(false);
  const body = (
    <Stack gap="xs">
      {chrome.error && (
        <Text size="xs" c="red">
          {chrome.error}
        </Text>
      )}
      {basic.map((field) => (
        <SchemaField key={field.name} spec={field} value={object?.[field.name]} path={[...path, field.name]} />
      ))}
      {advanced.length > 0 && (
        <Button variant="subtle" size="compact-xs" onClick={() => setShowAdvanced((v) => !v)} w="fit-content">
          {t('common.advanced')} {showAdvanced ? '▴' : '▾'}
        </Button>
      )}
      {showAdvanced &&
        advanced.map((field) => (
          <SchemaField key={field.name} spec={field} value={object?.[field.name]} path={[...path, field.name]} />
        ))}
    </Stack>
  );
  // The params object itself is the whole form: no frame around it.
  if (path.length === 0) return body;
  // An optional object (a retry prompt, a say value) stays folded until the user adds it.
  if (!spec.required && object === undefined)
    return (
      <Group gap="xs">
        <Text size="sm">{chrome.label}</Text>
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} />}
          disabled={chrome.context.readOnly}
          onClick={() => {
            chrome.context.onChange(path, emptyValue(spec));
            chrome.context.onCommit();
          }}
          data-testid={`${chrome.testId}-add`}
        >
          {t('common.add')}
        </Button>
      </Group>
    );
  return (
    <Fieldset
      legend={
        <Group gap={4}>
          {chrome.label}
          {!spec.required && (
            <ActionIcon
              size="xs"
              variant="subtle"
              color="red"
              disabled={chrome.context.readOnly}
              aria-label={t('common.remove')}
              onClick={() => chrome.context.onChange(path, undefined)}
              data-testid={`${chrome.testId}-remove`}
            >
              <Trash2 size={12} />
            </ActionIcon>
          )}
        </Group>
      }
      p="xs"
      data-testid={chrome.testId}
    >
      {body}
    </Fieldset>
  );
}

function ListField({ spec, value, path, label }: FieldProps) {
  const { t } = useTranslation();
  const chrome = useFieldChrome(spec, path, label);
  const items = Array.isArray(value) ? value : [];
  const item = spec.item!;
  const { context } = chrome;
  return (
    <Fieldset legend={chrome.label} p="xs" data-testid={chrome.testId}>
      <Stack gap="xs">
        {chrome.description && (
          <Text size="xs" c="dimmed">
            {chrome.description}
          </Text>
        )}
        {chrome.error && (
          <Text size="xs" c="red">
            {chrome.error}
          </Text>
        )}
        {items.map((entry, index) => (
          <Group key={index} align="flex-start" gap={4} wrap="nowrap">
            <Box style={{ flex: 1 }}>
              <SchemaField spec={item} value={entry} path={[...path, index]} label={`${index + 1}`} />
            </Box>
            <ActionIcon
              variant="subtle"
              color="red"
              disabled={context.readOnly}
              aria-label={t('common.remove')}
              onClick={() =>
                context.onChange(
                  path,
                  items.filter((_, i) => i !== index),
                )
              }
              data-testid={`${chrome.testId}-remove-${index}`}
            >
              <Trash2 size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} />}
          disabled={context.readOnly}
          onClick={() => {
            context.onChange(path, [...items, emptyValue(item)]);
            context.onCommit();
          }}
          w="fit-content"
          data-testid={`${chrome.testId}-add`}
        >
          {t('inspector.addItem')}
        </Button>
      </Stack>
    </Fieldset>
  );
}

function MapField({ spec, value, path, label }: FieldProps) {
  const { t } = useTranslation();
  const localize = useLocalize();
  const chrome = useFieldChrome(spec, path, label);
  const { context } = chrome;
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  const item = spec.item!;
  const keyLabel = spec.keyLabel ? localize(spec.keyLabel as never) : t('inspector.key');
  const valueLabel = spec.valueLabel ? localize(spec.valueLabel as never) : t('inspector.value');

  // Renaming a key keeps the entry's place: the order is what the user wrote.
  function renameKey(index: number, key: string) {
    const next = entries.map(([k, v], i) => [i === index ? key : k, v] as const);
    context.onChange(path, Object.fromEntries(next));
  }
  function freshKey(): string {
    const taken = new Set(entries.map(([k]) => k));
    for (let n = entries.length + 1; ; n++) if (!taken.has(`key${n}`)) return `key${n}`;
  }

  return (
    <Fieldset legend={chrome.label} p="xs" data-testid={chrome.testId}>
      <Stack gap="xs">
        {chrome.error && (
          <Text size="xs" c="red">
            {chrome.error}
          </Text>
        )}
        {entries.map(([key, entry], index) => (
          <Group key={index} align="flex-start" gap={4} wrap="nowrap">
            <TextInput
              size="xs"
              w="40%"
              label={index === 0 ? keyLabel : undefined}
              value={key}
              disabled={context.readOnly}
              onChange={(e) => renameKey(index, e.currentTarget.value)}
              onBlur={context.onCommit}
              data-testid={`${chrome.testId}-key-${index}`}
            />
            <Box style={{ flex: 1 }}>
              <SchemaField spec={item} value={entry} path={[...path, key]} label={index === 0 ? valueLabel : ''} />
            </Box>
            <ActionIcon
              variant="subtle"
              color="red"
              mt={index === 0 ? 22 : 0}
              disabled={context.readOnly}
              aria-label={t('common.remove')}
              onClick={() => context.onChange(path, Object.fromEntries(entries.filter((_, i) => i !== index)))}
            >
              <Trash2 size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<Plus size={12} />}
          disabled={context.readOnly}
          onClick={() => {
            context.onChange(path, { ...Object.fromEntries(entries), [freshKey()]: emptyValue(item) });
            context.onCommit();
          }}
          w="fit-content"
          data-testid={`${chrome.testId}-add`}
        >
          {t('inspector.addEntry')}
        </Button>
      </Stack>
    </Fieldset>
  );
}
