import type { ContractResult, OpenApiContract } from '../contracts/openapi.js';
import type { FaultController } from './faults.js';
import type { RecordedRequest, SimServer } from './sim-server.js';

/** One exchange checked against a contract: the request as received and the response as sent. */
export interface ContractCheck {
  method: string;
  path: string;
  status: number;
  request: ContractResult;
  response: ContractResult;
}

/** What every simulator offers tests, whatever upstream it plays. */
export abstract class Simulator {
  protected constructor(protected readonly http: SimServer) {}

  get name(): string {
    return this.http.name;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return this.http.url;
  }

  get port(): number {
    return this.http.port;
  }

  /** Every request received, oldest first (method, path, query, headers, body). */
  get received(): RecordedRequest[] {
    return this.http.received;
  }

  /** Per-route fault injection: `faults.set('/identity', { kind: 'status', status: 503 })`, `faults.clear()`. */
  get faults(): FaultController {
    return this.http.faults;
  }

  /** Requests whose method and path match a pattern such as `GET /library/sections/{id}/all`. */
  requestsTo(pattern: string): RecordedRequest[] {
    return this.http.requestsTo(pattern);
  }

  clearReceived(): void {
    this.http.clearReceived();
  }

  /** Paths that are pages, not API (plex.tv's auth page): never contract-checked. */
  protected nonApiPaths: RegExp | undefined;

  /** Every exchange checked since `checkContract` was called. */
  readonly contractChecks: ContractCheck[] = [];

  /**
   * From now on, checks every request this simulator receives and every response it sends against the
   * contract (incoming requests are what MediaNest sends: they are checked too).
   */
  checkContract(contract: OpenApiContract): this {
    this.http.observe((req, res) => {
      if (this.nonApiPaths?.test(req.path)) return;
      const headers = Object.fromEntries(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const body = res.body === undefined ? undefined : Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.body;
      this.contractChecks.push({
        method: req.method,
        path: req.path,
        status: res.status,
        request: contract.validateRequest(req),
        response: contract.validateResponse({ ...req, status: res.status, contentType: headers['content-type'], responseBody: body }),
      });
    });
    return this;
  }

  /** The checks where the request or the response broke the contract. */
  contractViolations(which: 'request' | 'response' | 'both' = 'both'): ContractCheck[] {
    return this.contractChecks.filter((c) => (which !== 'response' && !c.request.ok) || (which !== 'request' && !c.response.ok));
  }

  /** Connection refused from now on (open connections are cut), until `resumeListening()`. */
  stopListening(): Promise<void> {
    return this.http.stopListening();
  }

  /** Listens again on the same port. */
  resumeListening(): Promise<void> {
    return this.http.resumeListening();
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}
