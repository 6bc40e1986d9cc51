import { describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './login-rate-limiter.js';

describe('LoginRateLimiter', () => {
  it('blocks a user on an address after the limit, until the window passes', () => {
    let now = 0;
    const limiter = new LoginRateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) limiter.recordFailure('10.0.0.1', 'admin');
    expect(limiter.retryAfterSeconds('10.0.0.1', 'admin')).toBe(60);
    expect(limiter.retryAfterSeconds('10.0.0.2', 'admin')).toBe(0);
    expect(limiter.retryAfterSeconds('10.0.0.1', 'bob')).toBe(0);
    now = 60_001;
    expect(limiter.retryAfterSeconds('10.0.0.1', 'admin')).toBe(0);
  });

  it('also limits one address trying many names', () => {
    const limiter = new LoginRateLimiter(2, 60_000, () => 0);
    for (let i = 0; i < 10; i++) limiter.recordFailure('10.0.0.9', `user${i}`);
    expect(limiter.retryAfterSeconds('10.0.0.9', 'fresh-name')).toBeGreaterThan(0);
  });

  it('forgets a user failures after a success', () => {
    const limiter = new LoginRateLimiter(2, 60_000, () => 0);
    limiter.recordFailure('a', 'u');
    limiter.recordSuccess('a', 'u');
    limiter.recordFailure('a', 'u');
    expect(limiter.retryAfterSeconds('a', 'u')).toBe(0);
  });
});
