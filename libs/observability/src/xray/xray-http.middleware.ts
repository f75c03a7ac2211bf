import { Inject, Injectable } from '@nestjs/common';
import type { NestMiddleware } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { XRAY_RECORDER } from './xray.constants';
import { setXRayScope } from './xray-context';
import { XRayRecorder } from './xray-recorder';

/**
 * The journals' Flask XRayMiddleware for Nest: one segment per HTTP request, from the moment it
 * arrives until the response is finished (or the connection closes), current while the request is
 * handled so subsegments and outgoing calls land in it.
 */
@Injectable()
export class XRayHttpMiddleware implements NestMiddleware {
  constructor(@Inject(XRAY_RECORDER) private readonly recorder: XRayRecorder) {}

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    const active = context.active();
    const segment = this.recorder.beginHttpSegment(active, request);
    if (!segment) {
      next();
      return;
    }
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.recorder.endHttpSegment(segment, response);
    };
    response.once('finish', end);
    response.once('close', end);
    context.with(setXRayScope(active, { entity: segment, recorder: this.recorder }), next);
  }
}
