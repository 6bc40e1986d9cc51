import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signs prompt media paths, so FreeSWITCH (mod_http_cache) can fetch a prompt over HTTP without a
 * session, and nobody can list or guess other files. Signatures do not expire: the cache keys on
 * the URL, and a replaced prompt gets a new file anyway.
 */
export class PromptMediaSigner {
  constructor(private readonly key: Buffer) {}

  sign(relativePath: string): string {
    return createHmac('sha256', this.key).update(`prompt-media:${relativePath}`).digest('base64url').slice(0, 32);
  }

  verify(relativePath: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(relativePath));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** The path (without host) FreeSWITCH fetches: /media/prompts/<language>/<file>?sig=... */
  mediaPath(relativePath: string): string {
    return `/media/prompts/${relativePath}?sig=${this.sign(relativePath)}`;
  }
}
