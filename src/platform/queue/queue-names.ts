/**
 * Queue and job names are typed constants. Jobs carry ids only; the truth is in PostgreSQL.
 * Every job name must have exactly one handler: `JobRegistry.assertComplete()` refuses to start otherwise.
 */
export const QUEUES = {
  integration: 'integration',
  journeyEvents: 'journey-events',
  notifications: 'notifications',
  webhooks: 'webhooks',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  integration: ['integration.run'],
  'journey-events': ['journey.deliver-event'],
  notifications: ['notification.deliver'],
  webhooks: ['webhook.deliver'],
  maintenance: ['retention.run'],
} as const satisfies Record<QueueName, readonly string[]>;
export type JobName = (typeof JOBS)[QueueName][number];

export interface IntegrationJobData {
  /** The integration_task id (= the outbox row id): the job id and the authority idempotency key. */
  taskId: string;
  journeyId: string;
  generation: number;
}
/** An event for a journey that comes from another journey (e.g. a linked journey completed). */
export interface DeliverEventJobData {
  journeyId: string;
  idempotencyKey: string;
  event: { type: string; [key: string]: unknown };
}
/** A citizen notification to deliver through Digital Post (the row holds everything else). */
export interface NotificationJobData {
  notificationId: string;
  journeyId: string;
}
/** One webhook delivery to a self-service solution (the webhook_delivery row holds body and attempts). */
export interface WebhookJobData {
  deliveryId: string;
  journeyId: string;
}
