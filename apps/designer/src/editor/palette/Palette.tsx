import { memo, useMemo, useState } from 'react';
import { Group, ScrollArea, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { Construction, Lock, Search } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { COMPONENT_CATEGORIES, type ComponentDefinition } from '@ivr/scenario-schema';
import { ComponentIcon } from '../../catalog/ComponentIcon';
import { useLocalize } from '../../i18n/useLanguage';
import { useEditor } from '../store/EditorStoreContext';
import { PALETTE_DRAG_TYPE, paletteDragValue } from './paletteDrag';
import { paletteEntries } from './paletteEntries';
import classes from './Palette.module.css';

/** Components the scenario's kind allows, grouped by category, searchable in the current language. */
export function Palette({ onAdd }: { onAdd: (definition: ComponentDefinition) => void }) {
  const { t, i18n } = useTranslation();
  const catalog = useEditor((s) => s.catalog);
  const kind = useEditor((s) => s.doc.kind);
  const readOnly = useEditor((s) => s.readOnly);
  const [query, setQuery] = useState('');
  const entries = useMemo(
    () => paletteEntries(catalog, kind, query, i18n.language),
    [catalog, kind, query, i18n.language],
  );
  return (
    <Stack gap="xs" h="100%" p="xs" className={classes.palette} data-testid="palette">
      <Text fw={600} size="sm">
        {t('palette.title')}
      </Text>
      <TextInput
        size="xs"
        placeholder={t('palette.search')}
        leftSection={<Search size={14} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        data-testid="palette-search"
      />
      <ScrollArea style={{ flex: 1 }}>
        {entries.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('palette.empty')}
          </Text>
        )}
        {COMPONENT_CATEGORIES.map((category) => {
          const items = entries.filter((d) => d.category === category);
          if (items.length === 0) return null;
          return (
            <div key={category}>
              <Text size="xs" c="dimmed" tt="uppercase" mt="xs" mb={4}>
                {t(`palette.categories.${category}`)}
              </Text>
              {items.map((definition) => (
                <PaletteItem
                  key={`${definition.type}@${definition.typeVersion}`}
                  definition={definition}
                  disabled={readOnly}
                  onAdd={onAdd}
                />
              ))}
            </div>
          );
        })}
      </ScrollArea>
    </Stack>
  );
}

const PaletteItem = memo(function PaletteItem({
  definition,
  disabled,
  onAdd,
}: {
  definition: ComponentDefinition;
  disabled: boolean;
  onAdd: (definition: ComponentDefinition) => void;
}) {
  const { t } = useTranslation();
  const localize = useLocalize();
  return (
    <Tooltip label={localize(definition.help)} position="right" multiline w={260} openDelay={500}>
      <div
        className={classes.item}
        draggable={!disabled}
        onDragStart={(event) => {
          event.dataTransfer.setData(PALETTE_DRAG_TYPE, paletteDragValue(definition.type, definition.typeVersion));
          event.dataTransfer.effectAllowed = 'copy';
        }}
        onDoubleClick={() => !disabled && onAdd(definition)}
        // Keyboard users add with Enter what mouse users drag.
        tabIndex={0}
        role="button"
        onKeyDown={(event) => event.key === 'Enter' && !disabled && onAdd(definition)}
        data-testid={`palette-item-${definition.type}`}
        data-type-version={definition.typeVersion}
      >
        <Group gap={6} wrap="nowrap">
          <ComponentIcon name={definition.icon} size={14} />
          <Text size="xs" style={{ flex: 1 }} truncate>
            {localize(definition.title)}
          </Text>
          {definition.sensitive && <Lock size={12} aria-label={t('palette.sensitive')} />}
          {!definition.implemented && (
            <Construction size={12} color="var(--mantine-color-orange-6)" aria-label={t('palette.notImplemented')} />
          )}
        </Group>
      </div>
    </Tooltip>
  );
});
