import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('seals and opens, with a fresh IV each time', () => {
    const a = box.seal({ password: 'p@ss' });
    const b = box.seal({ password: 'p@ss' });
    expect(a).not.toBe(b);
    expect(a).not.toContain('p@ss');
    expect(box.open(a)).toEqual({ password: 'p@ss' });
  });

  it('refuses another key and tampered data', () => {
    const sealed = box.seal({ apiKey: 'k' });
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(/wrong SECRET_KEY/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => box.open('v0.x.y.z')).toThrow(/unknown format/);
  });
});
