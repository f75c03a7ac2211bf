import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import {
  CloudWatchLogsEmulator,
  cloudWatchLogsErrorResponse,
  createCloudWatchLogsListener,
} from '@cruddur/telemetry-wire';
import type {
  CloudWatchLogsEmulatorOptions,
  CloudWatchLogsHttpRequest,
  StoredLogEvent,
} from '@cruddur/telemetry-wire';
import { waitFor } from '../processes/wait-for';

/** How the receiver answers, to play a healthy, failing, slow or absent CloudWatch Logs. */
export interface CloudWatchLogsReceiverBehaviour {
  /** Answer every request with this status (and a ServiceUnavailableException body). */
  status?: number;
  /** Wait this long before answering. @default 0 */
  delayMs?: number;
  /** Close each connection without an answer, as a crashed endpoint would. */
  hangUp?: boolean;
}

/** One PutLogEvents request as it arrived (whether or not it was stored). */
export interface ReceivedPutLogEvents {
  logGroupName: string;
  logStreamName: string;
  logEvents: Array<{ timestamp: number; message: string }>;
}

/** A stored event with the stream it is in. */
export interface ReceivedLogEvent extends StoredLogEvent {
  logGroupName: string;
  logStreamName: string;
}

/** The SigV4 `Authorization` header of a request, parsed. */
export interface RequestSignature {
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: string[];
}

const SIGV4 =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=[0-9a-f]{64}$/;

/**
 * A CloudWatch Logs endpoint on 127.0.0.1 for tests: the telemetry-wire emulator (the same one the
 * local inspector mounts) behind a real HTTP server, so services reach it with the real AWS SDK
 * through AWS_ENDPOINT_URL_CLOUDWATCH_LOGS. It keeps every request, and refuses unsigned ones.
 */
export class CloudWatchLogsReceiver {
  readonly emulator: CloudWatchLogsEmulator;
  readonly requests: CloudWatchLogsHttpRequest[] = [];
  behaviour: CloudWatchLogsReceiverBehaviour = {};

  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private listeningPort = 0;

  private constructor(options: CloudWatchLogsEmulatorOptions) {
    this.emulator = new CloudWatchLogsEmulator(options);
    const listener = createCloudWatchLogsListener(this.emulator, {
      intercept: async (request) => {
        this.requests.push(request);
        if (this.behaviour.delayMs) {
          await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
        }
        if (this.behaviour.status) {
          return cloudWatchLogsErrorResponse(
            this.behaviour.status,
            'ServiceUnavailableException',
            'the receiver plays an outage',
          );
        }
        if (!signatureOf(request)) {
          return cloudWatchLogsErrorResponse(
            400,
            'MissingAuthenticationTokenException',
            'Missing Authentication Token',
          );
        }
        return undefined;
      },
    });
    this.server = createServer((request, response) => {
      if (this.behaviour.hangUp) {
        request.socket.destroy();
        return;
      }
      listener(request, response);
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(
    options: CloudWatchLogsEmulatorOptions & { port?: number } = {},
  ): Promise<CloudWatchLogsReceiver> {
    const receiver = new CloudWatchLogsReceiver(options);
    await new Promise<void>((resolve) =>
      receiver.server.listen(options.port ?? 0, '127.0.0.1', resolve),
    );
    const address = receiver.server.address();
    receiver.listeningPort = typeof address === 'object' && address ? address.port : 0;
    return receiver;
  }

  get port(): number {
    return this.listeningPort;
  }

  /** http://127.0.0.1:<port>, for AWS_ENDPOINT_URL_CLOUDWATCH_LOGS. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Every PutLogEvents request body, in arrival order (stored or refused). */
  get putLogEventsRequests(): ReceivedPutLogEvents[] {
    return this.requests
      .filter((request) => request.operation === 'PutLogEvents')
      .map((request) => JSON.parse(request.body) as ReceivedPutLogEvents);
  }

  /** The names of the streams of `logGroupName`. */
  streamsOf(logGroupName: string): string[] {
    return [...(this.emulator.groups.get(logGroupName)?.streams.keys() ?? [])];
  }

  /** Every stored event of every group, with its group and stream. */
  get events(): ReceivedLogEvent[] {
    return [...this.emulator.groups.values()].flatMap((group) =>
      [...group.streams.values()].flatMap((stream) =>
        stream.events.map((event) => ({
          ...event,
          logGroupName: group.logGroupName,
          logStreamName: stream.logStreamName,
        })),
      ),
    );
  }

  /** Stored events whose message is a JSON object, parsed, with their stream. */
  get jsonEvents(): Array<Record<string, unknown> & { logStreamName: string }> {
    return this.events.flatMap((event) => {
      try {
        return [
          {
            ...(JSON.parse(event.message) as Record<string, unknown>),
            logStreamName: event.logStreamName,
          },
        ];
      } catch {
        return [];
      }
    });
  }

  /** The parsed SigV4 signature of every request (undefined for an unsigned one). */
  get signatures(): Array<RequestSignature | undefined> {
    return this.requests.map(signatureOf);
  }

  /** Resolves with the stored events once `predicate` holds for them. */
  waitForEvents(
    predicate: (events: ReceivedLogEvent[]) => boolean,
    { timeoutMs = 15_000, what = 'log events at the CloudWatch Logs receiver' } = {},
  ): Promise<ReceivedLogEvent[]> {
    return waitFor(() => (predicate(this.events) ? this.events : undefined), {
      timeoutMs,
      what,
    });
  }

  /** Forgets requests and stored data. */
  clear(): void {
    this.requests.length = 0;
    this.emulator.reset();
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function signatureOf(request: CloudWatchLogsHttpRequest): RequestSignature | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? SIGV4.exec(header) : null;
  if (!match) return undefined;
  return {
    accessKeyId: match[1],
    region: match[2],
    service: match[3],
    signedHeaders: match[4].split(';'),
  };
}
