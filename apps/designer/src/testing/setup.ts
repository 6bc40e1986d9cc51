import { afterEach } from 'vitest';
import { cleanup } from '@testing-library/react';

// Testing Library unmounts automatically only when test globals are on; this project keeps them off.
afterEach(() => cleanup());

// happy-dom has no FontFaceSet; Mantine's autosizing textarea listens on document.fonts.
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
}
