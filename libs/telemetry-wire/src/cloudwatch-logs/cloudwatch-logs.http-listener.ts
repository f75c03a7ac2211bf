import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudWatchLogsEmulator } from './cloudwatch-logs.emulator';
import type { CloudWatchLogsResponse } from './cloudwatch-logs.emulator';

/** One request as the listener saw it, before the emulator answered. */
export interface CloudWatchLogsHttpRequest {
  /** The operation (e.g. `PutLogEvents`), or undefined if the target was not CloudWatch Logs. */
  operation: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How the listener reads requests. */
export interface CloudWatchLogsListenerOptions {
  /**
   * Larger bodies are refused with 413 without being read to the end (a PutLogEvents body of a
   * full batch is about 1 MiB of messages plus JSON escaping).
   * @default 8 MiB
   */
  maxBodyBytes?: number;
  /**
   * Called with every complete request; may answer instead of the emulator (to play an outage)
   * by returning a response, or a promise of one (to play a slow endpoint).
   */
  intercept?: (
    request: CloudWatchLogsHttpRequest,
  ) => CloudWatchLogsResponse | undefined | Promise<CloudWatchLogsResponse | undefined>;
  /** Called with every request the emulator answered, and its answer. */
  onAnswered?: (request: CloudWatchLogsHttpRequest, response: CloudWatchLogsResponse) => void;
}

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** A `node:http` request listener that serves `emulator` on any path, POST only. */
export function createCloudWatchLogsListener(
  emulator: CloudWatchLogsEmulator,
  options: CloudWatchLogsListenerOptions = {},
): (request: IncomingMessage, response: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (request, response) => {
    const send = (answer: CloudWatchLogsResponse) => {
      if (!response.headersSent) response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
    };
    if (request.method !== 'POST') {
      send(
        cloudWatchLogsErrorResponse(405, 'MethodNotAllowed', 'CloudWatch Logs answers POST only'),
      );
      return;
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > maxBodyBytes) {
      send(
        cloudWatchLogsErrorResponse(
          413,
          'RequestEntityTooLarge',
          `body over ${maxBodyBytes} bytes`,
        ),
      );
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBodyBytes && !refused) {
        refused = true;
        send(
          cloudWatchLogsErrorResponse(
            413,
            'RequestEntityTooLarge',
            `body over ${maxBodyBytes} bytes`,
          ),
        );
      }
      if (!refused) chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      const seen: CloudWatchLogsHttpRequest = {
        operation: CloudWatchLogsEmulator.operationOf(header(request, 'x-amz-target')),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      void Promise.resolve(options.intercept?.(seen))
        .then((intercepted) => {
          if (intercepted) return send(intercepted);
          const answer = emulator.handle({
            target: header(request, 'x-amz-target'),
            body: seen.body,
          });
          options.onAnswered?.(seen, answer);
          send(answer);
        })
        .catch((error: unknown) =>
          send(cloudWatchLogsErrorResponse(500, 'InternalFailure', String(error))),
        );
    });
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A CloudWatch Logs style error answer, for emulated faults. */
export function cloudWatchLogsErrorResponse(
  status: number,
  type: string,
  message: string,
): CloudWatchLogsResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}
