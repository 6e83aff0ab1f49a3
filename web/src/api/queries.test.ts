import { getHealth, getSystemStatus } from '@medianest/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { apiQueryKey, shouldRetry } from './queries.js';

describe('apiQueryKey', () => {
  it('starts every call key with the endpoint key, so one invalidation reaches them all', () => {
    const prefix = apiQueryKey(getSystemStatus);
    const call = apiQueryKey(getSystemStatus, {});
    expect(call.slice(0, prefix.length)).toEqual(prefix);
    expect(apiQueryKey(getHealth)).not.toEqual(prefix);
  });
});

describe('shouldRetry', () => {
  const error = (status: number, code: ApiError['code']) => new ApiError({ status, code, message: 'x' });

  it('retries what may pass unchanged, at most twice', () => {
    expect(shouldRetry(0, error(0, 'NETWORK_UNREACHABLE'))).toBe(true);
    expect(shouldRetry(1, error(503, 'UPSTREAM_UNAVAILABLE'))).toBe(true);
    expect(shouldRetry(2, error(503, 'UPSTREAM_UNAVAILABLE'))).toBe(false);
    expect(shouldRetry(0, error(429, 'RATE_LIMITED'))).toBe(true);
  });

  it('does not retry a request the server refused', () => {
    expect(shouldRetry(0, error(400, 'VALIDATION_FAILED'))).toBe(false);
    expect(shouldRetry(0, error(404, 'NOT_FOUND'))).toBe(false);
    expect(shouldRetry(0, error(401, 'UNAUTHENTICATED'))).toBe(false);
    expect(shouldRetry(0, new Error('not from the API'))).toBe(false);
  });
});
