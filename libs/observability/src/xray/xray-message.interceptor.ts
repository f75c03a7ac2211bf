import { Inject, Injectable } from '@nestjs/common';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { finalize, tap } from 'rxjs';
import type { Observable } from 'rxjs';
import { XRAY_RECORDER } from './xray.constants';
import { setXRayScope } from './xray-context';
import { XRayRecorder } from './xray-recorder';

/**
 * One segment per handled microservice message (request or event), continuing the caller's trace:
 * it runs inside the SERVER/CONSUMER span TracingServerTcp opened from the packet's headers, so the
 * segment's parent is the caller's `remote` subsegment. HTTP requests are the middleware's.
 */
@Injectable()
export class XRayMessageInterceptor implements NestInterceptor {
  constructor(@Inject(XRAY_RECORDER) private readonly recorder: XRayRecorder) {}

  intercept(executionContext: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (executionContext.getType() !== 'rpc' || !this.recorder.enabled) return next.handle();
    const active = context.active();
    const segment = this.recorder.beginMessageSegment(active, patternOf(executionContext));
    if (!segment) return next.handle();
    let failure: unknown;
    // Nest binds the handler to the async context `handle()` is called in, so it runs in this one.
    return context
      .with(setXRayScope(active, { entity: segment, recorder: this.recorder }), () => next.handle())
      .pipe(
        tap({ error: (error: unknown) => (failure = error) }),
        finalize(() => this.recorder.endMessageSegment(segment, failure)),
      );
  }
}

function patternOf(executionContext: ExecutionContext): string {
  const rpc = executionContext.switchToRpc().getContext<{ getPattern?: () => unknown }>();
  const pattern = typeof rpc?.getPattern === 'function' ? rpc.getPattern() : undefined;
  if (typeof pattern === 'string') return pattern;
  return pattern === undefined ? executionContext.getHandler().name : JSON.stringify(pattern);
}
