import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
  ScheduledEvent as AwsScheduledEvent,
} from 'aws-lambda';

/** The event shapes koe's functions receive on AWS, from `@types/aws-lambda`. */

/** An API Gateway HTTP API request, payload format 2.0 (Lambda function URLs use the same shape). */
export type HttpApiEvent = APIGatewayProxyEventV2;

/** What an HTTP API expects back from a payload 2.0 integration (koe always answers in this form). */
export type HttpApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

/** An EventBridge scheduled event. */
export type ScheduledEvent = AwsScheduledEvent;

/** The Lambda context. */
export type LambdaContext = Context;

export function isHttpApiEvent(event: unknown): event is HttpApiEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Partial<HttpApiEvent>;
  return e.version === '2.0' && typeof e.rawPath === 'string' && typeof e.requestContext?.http === 'object';
}
