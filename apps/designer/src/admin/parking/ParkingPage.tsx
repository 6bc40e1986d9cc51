import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ResourcePage } from '../shared/ResourcePage';
import type { ResourceField } from '../shared/resourceFields';

const PARKING_FIELDS: ResourceField[] = [
  { name: 'name', label: 'common.name', kind: 'text', required: true, column: true },
  { name: 'parkNumber', label: 'admin.parkNumber', kind: 'text', required: true, column: true },
  { name: 'slotFrom', label: 'admin.slotFrom', kind: 'number', required: true, column: true },
  { name: 'slotTo', label: 'admin.slotTo', kind: 'number', required: true, column: true },
  { name: 'timeoutSeconds', label: 'admin.timeoutSeconds', kind: 'number', column: true, defaultValue: 120 },
  { name: 'description', label: 'editor.description', kind: 'textarea', nullable: true },
];

/** Parking lots: the number a call is transferred to for parking and the slot range it is announced in. */
export function ParkingPage() {
  const { t } = useTranslation();
  return (
    <Stack p="md">
      <ResourcePage title={t('admin.parking')} path="/parking-lots" fields={PARKING_FIELDS} testId="parking-lots" />
    </Stack>
  );
}
