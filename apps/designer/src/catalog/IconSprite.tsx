import { memo } from 'react';
import { lucideIcon } from './ComponentIcon';

const spriteId = (name: string) => `ivr-icon-${name}`;

/**
 * Each icon once, as an SVG symbol that node cards point at with <use>: a lucide icon is an <svg>
 * of several shapes, and on a large scenario every card mounting its own copy was a fifth of the
 * canvas's DOM (and of its style work while panning).
 */
export const IconSprite = memo(function IconSprite({ names }: { names: readonly string[] }) {
  return (
    <svg width={0} height={0} style={{ position: 'absolute' }} aria-hidden="true" focusable="false">
      {names.map((name) => {
        const Icon = lucideIcon(name);
        return (
          <symbol key={name} id={spriteId(name)} viewBox="0 0 24 24">
            <Icon size={24} />
          </symbol>
        );
      })}
    </svg>
  );
});

/** An icon of the sprite above, drawn in the current text colour like the lucide one it stands for. */
export function SpriteIcon({ name, size }: { name: string; size: number }) {
  return (
    <svg width={size} height={size} className="lucide" aria-hidden="true" focusable="false" data-icon={name}>
      <use href={`#${spriteId(name)}`} />
    </svg>
  );
}
