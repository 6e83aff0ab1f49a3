export { AuditLog, type AuditEntry } from './audit.service.js';
export { recordAuditTrail } from './audit.subscriber.js';
