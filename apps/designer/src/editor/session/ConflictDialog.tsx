import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftSaving } from './useDraftSaving';

/** A save refused with 409: say so plainly and offer to load the other person's draft. */
export function ConflictDialog({ saving, onExport }: { saving: DraftSaving; onExport(): void }) {
  const { t } = useTranslation();
  const conflict = saving.conflict;
  return (
    <Modal opened={conflict !== null} onClose={saving.dismissConflict} title={t('editor.conflictTitle')}>
      {conflict && (
        <div data-testid="conflict-dialog">
          <Text size="sm" mb="xs">
            {conflict.message}
          </Text>
          <Text size="sm">{t('editor.conflictBody', { mine: conflict.mine, theirs: conflict.currentRevision })}</Text>
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={onExport}>
              {t('editor.exportJson')}
            </Button>
            <Button color="orange" onClick={() => void saving.reloadFromServer()} data-testid="conflict-reload">
              {t('editor.reload')}
            </Button>
          </Group>
        </div>
      )}
    </Modal>
  );
}
