import { describe, expect, it } from 'vitest';
import { loadIntegrationsConfig } from './integrations-config.js';

describe('loadIntegrationsConfig', () => {
  it('reads the host lists and keeps the metadata endpoints denied', () => {
    const config = loadIntegrationsConfig(
      {
        IVR_HTTP_ALLOW_HOSTS: 'api.example.com, *.crm.example.org',
        IVR_HTTP_DENY_HOSTS: '10.0.0.1',
        IVR_HTTP_MAX_RESPONSE_BYTES: '2048',
      },
      '/data',
    );
    expect(config.filesDir).toBe('/data/files');
    expect(config.http.hosts).toEqual({
      allow: ['api.example.com', '*.crm.example.org'],
      deny: ['169.254.169.254', 'metadata.google.internal', '10.0.0.1'],
    });
    expect(config.http.maxResponseBytes).toBe(2048);
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadIntegrationsConfig({ IVR_HTTP_ALLOW_HOSTS: 'http://x.org/' }, '/d')).toThrow(
      'IVR_HTTP_ALLOW_HOSTS: "http://x.org/" is not a host name',
    );
    expect(() => loadIntegrationsConfig({ IVR_HTTP_MAX_RESPONSE_BYTES: '-1' }, '/d')).toThrow(
      'IVR_HTTP_MAX_RESPONSE_BYTES',
    );
  });
});
