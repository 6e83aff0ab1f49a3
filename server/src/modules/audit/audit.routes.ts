import { once } from 'node:events';
import { exportAudit, listAudit } from '@medianest/contracts';
import type { Clock } from '../../platform/clock.js';
import type { ApiRouter } from '../../platform/http/router.js';
import { AUDIT_CSV_COLUMNS, auditCsvLine, csvLine } from './audit.csv.js';
import type { AuditReader } from './audit.reader.js';
import type { AuditLog } from './audit.service.js';

export function registerAuditRoutes(router: ApiRouter, deps: { reader: AuditReader; audit: AuditLog; clock: Clock }): void {
  router.handle(listAudit, ({ query }) => deps.reader.search(query));
  router.handle(exportAudit, async ({ query, principal, ip, requestId, res }) => {
    // Validate the filter (from ≤ to) before the headers leave: an error still gets its JSON envelope.
    const pages = deps.reader.stream(query);
    const first = await pages.next();
    const stamp = deps.clock.now().toISOString().replace(/[:.]/g, '-');
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="medianest-audit-${stamp}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.write(csvLine(AUDIT_CSV_COLUMNS));
    let rows = 0;
    const write = async (chunk: string) => {
      if (!res.write(chunk)) await once(res, 'drain');
    };
    for (let page = first; !page.done; page = await pages.next()) {
      if (res.destroyed) break;
      await write(page.value.map(auditCsvLine).join(''));
      rows += page.value.length;
    }
    // Who took a copy of the trail is itself part of the trail (recorded before the response ends).
    await deps.audit.record({
      action: 'audit.exported',
      outcome: 'success',
      actorUserId: principal.userId,
      ip,
      requestId,
      details: { rows, filter: query },
    });
    res.end();
    // Already streamed: the router sends nothing more once the headers are out.
    return '';
  });
}
