import type { ErrorEnvelope } from '@medianest/contracts';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../observability/logger.js';
import { AppError } from './errors.js';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
  expose?: boolean;
}

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const parserError = error as BodyParserError;
  switch (parserError?.type) {
    case 'entity.parse.failed':
      return new AppError('MALFORMED_JSON', 'The request body is not valid JSON. Check for a missing quote, comma or brace.');
    case 'entity.too.large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.');
    default:
      // express.static and friends signal a missing file with an http-error of status 404.
      if (parserError?.status === 404) return new AppError('NOT_FOUND', 'That file does not exist.');
      return undefined;
  }
}

/** The one place an error becomes a response: the envelope, never a stack trace. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const known = toAppError(error);
    const requestId = req.requestId ?? 'unknown';
    let envelope: ErrorEnvelope;
    let status: number;
    if (known) {
      status = known.status;
      envelope = {
        error: {
          code: known.code,
          message: known.message,
          ...(known.details !== undefined ? { details: known.details } : {}),
          requestId,
        },
      };
      for (const [name, value] of Object.entries(known.headers ?? {})) res.setHeader(name, value);
      if (status >= 500) logger.warn({ requestId, code: known.code, msg: known.message }, 'request failed');
    } else {
      status = 500;
      envelope = {
        error: {
          code: 'INTERNAL',
          message: `Something went wrong on our side. If it keeps happening, report request id ${requestId}.`,
          requestId,
        },
      };
      logger.error({ err: error, requestId, route: req.routeTemplate ?? req.path }, 'unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(status).json(envelope);
  };
}

export function apiNotFound() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    next(new AppError('ROUTE_NOT_FOUND', `There is no API endpoint ${req.method} ${req.baseUrl}${req.path}. See /api/docs for the list.`));
  };
}
