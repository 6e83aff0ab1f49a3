export { AuditLog, type AuditEntry } from './audit.service.js';
