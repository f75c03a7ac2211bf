import { SpanStatusCode, context, trace } from '@opentelemetry/api';
import { FRONTEND_TRACER_NAME, FrontendAttributes } from './telemetry.constants';

/**
 * Runs `load` inside a span `name` - the root of the trace - and ends it when the load settles:
 * status OK, or ERROR with the reason. Every fetch `load` *starts* synchronously becomes a child
 * (the stack context manager carries context only until the first `await`, which is all a fetch
 * needs to pick up its parent), so a page that loads two feeds is one trace through every service.
 */
export async function tracedLoad<T>(
  name: string,
  userHandle: string,
  load: () => Promise<T>,
): Promise<T> {
  const span = trace.getTracer(FRONTEND_TRACER_NAME).startSpan(name, {
    attributes: { [FrontendAttributes.UserId]: userHandle },
  });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), load);
    span.setStatus({ code: SpanStatusCode.OK });
    return result;
  } catch (error) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}
