import { Variables, read } from '@cruddur/contracts';
import type { Environment } from '@cruddur/contracts';

/**
 * The name a service goes by everywhere - OpenTelemetry's `service.name`, the log field and
 * CloudWatch stream, Rollbar items, the X-Ray segment (unless AWS_XRAY_TRACING_NAME names it) -
 * OTEL_SERVICE_NAME when set, else the service's own name. The one place that rule lives.
 */
export function resolveServiceName(ownName: string, env: Environment): string {
  return read(env, Variables.OTEL_SERVICE_NAME, ownName);
}
