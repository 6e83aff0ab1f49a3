import type { FieldIssue } from '@medianest/contracts';
import type { ApiError } from '../api/index.js';

/** The server's message for one field of a VALIDATION_FAILED answer (`body.password`), for the input's error. */
export function fieldError(error: ApiError | null, path: string): string | undefined {
  if (!error || error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return undefined;
  const issue = (error.details as FieldIssue[]).find((candidate) => candidate.path === path);
  if (!issue) return undefined;
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1) + '.';
}
