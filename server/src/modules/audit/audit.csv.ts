import type { AuditEventRow } from './audit.tables.js';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'occurred_at',
  'actor_user_id',
  'actor',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'ip',
  'request_id',
  'details',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). A value a spreadsheet would evaluate as a formula (starting with
 * = + - @, a tab or a carriage return) gets a leading apostrophe, so an attacker-chosen username or
 * header cannot run when an admin opens the export.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly unknown[]) => `${values.map(csvCell).join(',')}\r\n`;

export function auditCsvLine(row: AuditEventRow): string {
  return csvLine([
    row.id,
    row.occurredAt,
    row.actorUserId,
    row.actorLabel,
    row.action,
    row.targetType,
    row.targetId,
    row.outcome,
    row.ip,
    row.requestId,
    row.details,
  ]);
}
