import type { RealtimeAck, RealtimeNamespace } from '@medianest/contracts';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/principal.js';
import type { Logger } from '../../platform/observability/logger.js';

export interface ClientEventHandler<T> {
  schema: z.ZodType<T>;
  handle(data: T, caller: { principal: Principal; socketId: string }): Promise<unknown> | unknown;
}

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Events clients emit: each payload is validated with its zod schema, each socket has a fixed-window
 * rate limit, and the answer (or a sentence saying what went wrong) goes back in the acknowledgement.
 */
export class ClientEvents {
  private readonly handlers = new Map<string, Map<string, ClientEventHandler<unknown>>>();

  constructor(
    private readonly clock: Clock,
    private readonly limit: { points: number; windowMs: number },
    private readonly logger: Logger,
  ) {}

  register<T>(namespace: RealtimeNamespace, event: string, handler: ClientEventHandler<T>): void {
    const handlers = this.handlers.get(namespace) ?? new Map<string, ClientEventHandler<unknown>>();
    handlers.set(event, handler as ClientEventHandler<unknown>);
    this.handlers.set(namespace, handlers);
  }

  attach(socket: Socket, namespace: string): void {
    const handlers = this.handlers.get(namespace);
    const window: Window = { startedAt: 0, count: 0 };
    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (answer: RealtimeAck) => void) : undefined;
      const answer = (value: RealtimeAck) => ack?.(value);
      const fail = (code: string, message: string) => answer({ ok: false, error: { code, message } });
      if (!this.allow(window)) {
        fail('RATE_LIMITED', `Too many messages: at most ${this.limit.points} every ${this.limit.windowMs / 1000} s.`);
        return;
      }
      const handler = typeof event === 'string' ? handlers?.get(event) : undefined;
      if (!handler) {
        fail('NOT_FOUND', `This connection does not accept "${String(event)}".`);
        return;
      }
      const parsed = handler.schema.safeParse(args[0]);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        fail('VALIDATION_FAILED', `${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
        return;
      }
      const principal = (socket.data as { principal: Principal }).principal;
      void (async () => {
        try {
          answer({ ok: true, result: (await handler.handle(parsed.data, { principal, socketId: socket.id })) ?? null });
        } catch (error) {
          if (error instanceof AppError) {
            fail(error.code, error.message);
            return;
          }
          this.logger.error({ err: error, event }, 'realtime: client event handler failed');
          fail('INTERNAL', 'Something went wrong on the server. Try again.');
        }
      })();
    });
  }

  private allow(window: Window): boolean {
    const now = this.clock.now().getTime();
    if (now - window.startedAt >= this.limit.windowMs) {
      window.startedAt = now;
      window.count = 0;
    }
    window.count += 1;
    return window.count <= this.limit.points;
  }
}
