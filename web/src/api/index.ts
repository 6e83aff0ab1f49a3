export { ApiError, isApiError, type ApiErrorCode, type ClientErrorCode } from './api-error.js';
export {
  apiCall,
  apiClient,
  createApiClient,
  type ApiClient,
  type ApiClientOptions,
  type CallArgs,
  type CallInput,
  type CallOptions,
  type OutgoingRequest,
} from './client.js';
export { apiQueryKey, apiQueryOptions, createQueryClient, shouldRetry, useApiMutation, useApiQuery, type ApiQueryOptions } from './queries.js';
