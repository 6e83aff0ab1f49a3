export { AuditLog, type AuditEntry } from './audit.service.js';
export { recordAuditTrail } from './audit.subscriber.js';
export { AuditReader } from './audit.reader.js';
export { registerAuditRoutes } from './audit.routes.js';
