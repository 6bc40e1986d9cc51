import { localize, type Catalog, type ComponentDefinition, type ScenarioKind } from '@ivr/scenario-schema';

/**
 * The palette's components: the newest version of each type the kind allows, matching the query in
 * the type id, the title (any language, so a Russian user finds "menu" too) or the current language's help.
 */
export function paletteEntries(
  catalog: Catalog,
  kind: ScenarioKind,
  query: string,
  language: string,
): ComponentDefinition[] {
  const newest = new Map<string, ComponentDefinition>();
  for (const definition of catalog.list()) {
    if (!definition.kinds.includes(kind)) continue;
    const current = newest.get(definition.type);
    if (!current || current.typeVersion < definition.typeVersion) newest.set(definition.type, definition);
  }
  const needle = query.trim().toLowerCase();
  return [...newest.values()]
    .filter(
      (d) =>
        !needle ||
        [d.type, ...Object.values(d.title), localize(d.help, language)].some((text) =>
          text.toLowerCase().includes(needle),
        ),
    )
    .sort((a, b) => localize(a.title, language).localeCompare(localize(b.title, language), language));
}
