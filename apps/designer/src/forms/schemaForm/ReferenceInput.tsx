import { Autocomplete, type AutocompleteProps } from '@mantine/core';
import { useConnectionNames, useScenarioIds } from '../../api/referenceData';

type ReferenceInputProps = Omit<AutocompleteProps, 'data' | 'onChange'> & {
  widget: 'connection' | 'scenario';
  connectionKind?: string;
  onChange(value: string): void;
};

/**
 * A connection or scenario name, suggested from the server. Free text stays allowed: the referenced
 * thing may be created later, and the validator reports a scenario that does not exist.
 */
export function ReferenceInput({ widget, connectionKind, ...props }: ReferenceInputProps) {
  return widget === 'connection' ? (
    <ConnectionInput connectionKind={connectionKind} {...props} />
  ) : (
    <ScenarioInput {...props} />
  );
}

// The runtime groups HTTP requests with no connection of their own; its connection types are sql, sms, smtp, payment.
const RUNTIME_TYPES = new Set(['sql', 'sms', 'smtp', 'payment']);

function ConnectionInput({ connectionKind, ...props }: Omit<ReferenceInputProps, 'widget'>) {
  const names = useConnectionNames(connectionKind && RUNTIME_TYPES.has(connectionKind) ? connectionKind : undefined);
  return <Autocomplete {...props} data={names} />;
}

function ScenarioInput(props: Omit<ReferenceInputProps, 'widget' | 'connectionKind'>) {
  const ids = useScenarioIds();
  return <Autocomplete {...props} data={ids} />;
}
