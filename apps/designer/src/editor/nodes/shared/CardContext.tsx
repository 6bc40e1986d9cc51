import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Catalog } from '@ivr/scenario-schema';
import { useEditor } from '../../store/EditorStoreContext';
import { IconSprite } from '../../../catalog/IconSprite';

/**
 * What every node card needs from around it, given once by the canvas: the translation function,
 * the language and the catalog. One subscription for the canvas instead of one per card (each card
 * subscribing to i18next and to the store itself was most of its cost on a 1,000-node scenario).
 */
export interface CardContextValue {
  t: TFunction;
  language: string;
  catalog: Catalog;
}

const CardContext = createContext<CardContextValue | null>(null);

export function CardContextProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const catalog = useEditor((s) => s.catalog);
  const value = useMemo(() => ({ t, language, catalog }), [t, language, catalog]);
  const icons = useMemo(
    () => [...new Set(['puzzle', ...catalog.list().map((definition) => definition.icon ?? 'puzzle')])],
    [catalog],
  );
  return (
    <CardContext.Provider value={value}>
      <IconSprite names={icons} />
      {children}
    </CardContext.Provider>
  );
}

export function useCardContext(): CardContextValue {
  const value = useContext(CardContext);
  if (!value) throw new Error('a node card is drawn inside <CardContextProvider> (the canvas gives one)');
  return value;
}
