import { Controller, Get } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Queues } from '../queue/queues';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly queues: Queues,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** The process is up (for restarts by an orchestrator). */
  @Get('live')
  @ApiResponse({
    status: 200,
    description: 'The process is up',
    content: {
      'application/json': { schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } },
    },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can do its work: database and queue backend answer. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), () => this.queueCheck()]);
  }

  private async queueCheck() {
    const session = this.indicators.check('queue');
    const backend = this.queues.factory.kind;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queues.get('integration').getJobCounts('waiting'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout after 2000 ms')), 2000))),
      ]);
      return session.up({ backend });
    } catch (e) {
      return session.down({ backend, message: (e as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }
}
