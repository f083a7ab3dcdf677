import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';

const BASE = '/operator/queues';

/** bull-board for operators, behind HTTP basic auth (user `operator`). */
export function mountQueueDashboard(app: NestExpressApplication, queues: Queue[], password: string): void {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(BASE);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q as never)), serverAdapter: adapter });
  const expected = Buffer.from(`operator:${password}`);
  app.use(BASE, (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const given = Buffer.from(header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString() : '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.setHeader('WWW-Authenticate', 'Basic realm="Livsforløb operators"');
    res.status(401).json({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'Operator credentials required' });
  });
  app.use(BASE, adapter.getRouter());
}
