import { z } from 'zod';
import { defineEndpoint } from './endpoint.js';
import { Timestamp } from './users.js';

export const AuditOutcome = z.enum(['success', 'failure', 'denied']);

/** One row of the append-only audit trail. */
export const AuditEntry = z
  .object({
    id: z.number().int(),
    occurredAt: Timestamp,
    actorUserId: z.uuid().nullable(),
    /** The actor's name when it was recorded (users may be renamed or deleted later). */
    actorLabel: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    outcome: AuditOutcome,
    ip: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

const IsoTime = z.iso.datetime({ offset: true, error: 'must be an ISO date-time such as 2026-01-31T00:00:00Z' });

/** Filters of the audit trail (the service also checks that `from` is not after `to`). */
export const AuditFilter = z.object({
  /** The acting user's id. */
  actor: z.uuid({ error: 'must be a user id' }).optional(),
  /** An action (`auth.login`) or a family of them (`auth.*`). */
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[a-z0-9.-]+(\.\*)?$/i, 'must be an action such as auth.login, or a family such as auth.*')
    .optional(),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(200).optional(),
  outcome: AuditOutcome.optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

export const listAudit = defineEndpoint({
  method: 'get',
  path: '/admin/audit',
  summary: 'Search the audit trail, newest first',
  description: 'The trail is append-only: no endpoint changes or deletes its rows.',
  tags: ['audit'],
  access: { kind: 'admin' },
  query: AuditFilter.extend({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  responses: { 200: z.object({ entries: z.array(AuditEntry), total: z.number().int() }) },
});

export const exportAudit = defineEndpoint({
  method: 'get',
  path: '/admin/audit/export',
  summary: 'The audit trail as CSV (same filters), streamed',
  description: 'Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
  tags: ['audit'],
  access: { kind: 'admin' },
  query: AuditFilter,
  produces: 'text/csv',
  responses: { 200: z.string() },
});

export const auditEndpoints = [listAudit, exportAudit] as const;
