import { useMemo, useRef, useState } from 'react';
import { Combobox, Textarea, TextInput, useCombobox } from '@mantine/core';
import { Braces, Variable } from 'lucide-react';

interface ExpressionInputProps {
  value: string;
  onChange(value: string): void;
  onBlur(): void;
  /** `template`: plain text with `{{ expr }}` parts, suggestions only inside the braces. */
  mode: 'expression' | 'template';
  variables: readonly string[];
  label?: string;
  description?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  testId: string;
}

const IDENTIFIER_BEFORE_CARET = /[A-Za-z_][A-Za-z0-9_.]*$/;

/** The identifier being typed at the caret, when the caret is somewhere an expression is written. */
export function tokenAtCaret(text: string, caret: number, mode: 'expression' | 'template'): string | null {
  const before = text.slice(0, caret);
  if (mode === 'template') {
    const open = before.lastIndexOf('{{');
    if (open < 0 || before.lastIndexOf('}}') > open) return null;
  }
  const match = IDENTIFIER_BEFORE_CARET.exec(before);
  if (match) return match[0];
  return /(^|[\s(,!+\-*/<>=&|?:{[])$/.test(before) ? '' : null;
}

/** An expression or template field that completes declared variables at the caret. */
export function ExpressionInput(props: ExpressionInputProps) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [token, setToken] = useState<string | null>(null);
  const suggestions = useMemo(() => {
    if (token === null) return [];
    const needle = token.toLowerCase();
    return props.variables.filter((name) => name.toLowerCase().startsWith(needle) && name !== token).slice(0, 12);
  }, [token, props.variables]);

  function refreshToken(text: string, caret: number | null) {
    const next = caret === null ? null : tokenAtCaret(text, caret, props.mode);
    setToken(next);
    if (next !== null) combobox.openDropdown();
    else combobox.closeDropdown();
  }

  function insert(name: string) {
    const input = inputRef.current;
    const caret = input?.selectionStart ?? props.value.length;
    const start = caret - (token?.length ?? 0);
    const next = props.value.slice(0, start) + name + props.value.slice(caret);
    props.onChange(next);
    combobox.closeDropdown();
    setToken(null);
    requestAnimationFrame(() => {
      input?.focus();
      input?.setSelectionRange(start + name.length, start + name.length);
    });
  }

  // Decided by mode, never by length: swapping the element while typing would drop the focus.
  const multiline = props.mode === 'template';
  const common = {
    label: props.label,
    description: props.description,
    error: props.error,
    required: props.required,
    disabled: props.disabled,
    placeholder: props.placeholder,
    value: props.value,
    'data-testid': props.testId,
    leftSection: props.mode === 'expression' ? <Braces size={14} /> : undefined,
    styles: props.mode === 'expression' ? { input: { fontFamily: 'ui-monospace, monospace' } } : undefined,
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      props.onChange(event.currentTarget.value);
      refreshToken(event.currentTarget.value, event.currentTarget.selectionStart);
    },
    onClick: (event: React.MouseEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      refreshToken(event.currentTarget.value, event.currentTarget.selectionStart),
    onBlur: () => {
      combobox.closeDropdown();
      props.onBlur();
    },
  };

  return (
    <Combobox store={combobox} onOptionSubmit={insert} withinPortal>
      <Combobox.Target>
        {multiline ? (
          <Textarea ref={inputRef} autosize minRows={1} maxRows={8} {...common} />
        ) : (
          <TextInput ref={inputRef} {...common} />
        )}
      </Combobox.Target>
      {suggestions.length > 0 && (
        <Combobox.Dropdown>
          <Combobox.Options data-testid={`${props.testId}-suggestions`}>
            {suggestions.map((name) => (
              <Combobox.Option value={name} key={name}>
                <span
                  style={{
                    display: 'inline-flex',
                    gap: 6,
                    alignItems: 'center',
                    fontFamily: 'ui-monospace, monospace',
                  }}
                >
                  <Variable size={12} />
                  {name}
                </span>
              </Combobox.Option>
            ))}
          </Combobox.Options>
        </Combobox.Dropdown>
      )}
    </Combobox>
  );
}
