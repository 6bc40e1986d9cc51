import { icons, Puzzle, type LucideIcon, type LucideProps } from 'lucide-react';
import { memo } from 'react';

function pascalCase(kebab: string): string {
  return kebab.replace(/(^|-)([a-z0-9])/g, (_m, _dash: string, char: string) => char.toUpperCase());
}

/** The lucide icon of a name in kebab-case (`list-ordered`); unknown names get a puzzle piece. */
export function lucideIcon(name: string): LucideIcon {
  return icons[pascalCase(name) as keyof typeof icons] ?? Puzzle;
}

/** A component definition's icon, named in lucide's kebab-case (`list-ordered`); unknown names get a puzzle piece. */
export const ComponentIcon = memo(function ComponentIcon({ name, ...props }: { name: string } & LucideProps) {
  const Icon = lucideIcon(name);
  return <Icon {...props} />;
});
