import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { IncomingHttpHeaders } from 'node:http';
import { asyncApiDocument } from '../../src/api/self-service/asyncapi.document';

type Message = { name: string; headers: Record<string, unknown>; payload: Record<string, unknown> };

// AsyncAPI schemas are JSON Schema draft-07 supersets: Ajv's default class reads them.
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
const messages = Object.values((asyncApiDocument() as { components: { messages: Record<string, Message> } }).components.messages);
const validators = new Map(messages.map((m) => [m.name, { headers: ajv.compile(m.headers), payload: ajv.compile(m.payload) }]));

/** What is wrong with a webhook delivery as the published AsyncAPI document describes it (empty: nothing). */
export function deliveryProblems(headers: IncomingHttpHeaders | Record<string, string>, body: string): string[] {
  const event = String(headers['x-livsforloeb-event'] ?? '');
  const check = validators.get(event);
  if (!check) return [`unknown event "${event}"`];
  const problems: string[] = [];
  if (!check.headers(headers)) problems.push(`${event} headers: ${ajv.errorsText(check.headers.errors)}`);
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return [...problems, `${event}: body is not JSON`];
  }
  if (!check.payload(payload)) problems.push(`${event} payload: ${ajv.errorsText(check.payload.errors)}`);
  return problems;
}
