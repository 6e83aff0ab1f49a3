export {
  DEFAULT_POLICY,
  realRuntime,
  Upstream,
  type BreakerSnapshot,
  type HttpMethodName,
  type JsonRequest,
  type UpstreamPolicy,
  type UpstreamRequest,
  type UpstreamResponse,
  type UpstreamRuntime,
} from './upstream.js';
export { Upstreams, UPSTREAMS, DEFAULT_POLICIES, type UpstreamName, type UpstreamPolicies, type UpstreamsOptions } from './upstreams.js';
export { ResponseCache, type Cached, type ResponseCacheOptions } from './response-cache.js';
export { UpstreamMetrics, type Outcome } from './upstream-metrics.js';
export {
  authError,
  badResponseError,
  classifyFetchError,
  parseRetryAfter,
  rateLimitedError,
  schemaError,
  unavailableError,
  type BreakerStateName,
  type FailureKind,
  type UnavailableDetails,
} from './upstream-errors.js';
export { TokenBucket } from './token-bucket.js';
