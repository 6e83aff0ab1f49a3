import { randomBytes } from 'node:crypto';
import { connectRedis } from '../cache/redis.js';
import { createLogger } from '../observability/logger.js';
import { describeEventBusContract } from './event-bus.contract.js';
import { InProcessEventBus } from './in-process-bus.js';
import { RedisEventBus } from './redis-bus.js';

const redisUrl = process.env.MEDIANEST_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');

describeEventBusContract('in-process', async () => {
  const bus = new InProcessEventBus(logger);
  return { bus, close: () => bus.close() };
}, { multiInstance: false });

describeEventBusContract('redis', async () => {
  const prefix = `mntest:${randomBytes(4).toString('hex')}:`;
  const [a, b] = await Promise.all([connectRedis(redisUrl, prefix), connectRedis(redisUrl, prefix)]);
  const bus = new RedisEventBus(a, logger);
  const peer = new RedisEventBus(b, logger);
  await Promise.all([bus.whenReady(), peer.whenReady()]);
  return {
    bus,
    peer,
    async close() {
      await Promise.all([bus.close(), peer.close()]);
      await Promise.all([a.quit(), b.quit()]);
    },
  };
}, { multiInstance: true });
