import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { describeError } from '../../operations/describe-error';
import type { QueuedLogEvent } from './log-event-batches';

/** Where the shipper sends. */
export interface LogDestination {
  logGroupName: string;
  logStreamName: string;
  /** Set on the group once, if given. */
  retentionInDays?: number;
}

/** How a batch fared: events CloudWatch accepted but then rejected as too old or too new. */
export interface ShipResult {
  rejected: number;
}

/** Something the shipper could not do that the caller should know about but not stop for. */
export type ShipperWarning = (message: string) => void;

/**
 * Sends batches to one log stream with the AWS SDK: creates the group (unless it exists or the
 * role may not create groups) and the stream before the first batch, sets retention once if
 * asked, and creates them again if they disappear. Every call runs with tracing suppressed, so
 * shipping logs never adds spans to the trace of the request that logged them.
 */
export class CloudWatchLogsShipper {
  private ready = false;
  private retentionSet = false;

  constructor(
    private readonly client: CloudWatchLogsClient,
    private readonly destination: LogDestination,
    private readonly warn: ShipperWarning,
  ) {}

  get logGroupName(): string {
    return this.destination.logGroupName;
  }

  get logStreamName(): string {
    return this.destination.logStreamName;
  }

  /** Sends one batch (already within the PutLogEvents rules). Rejects if it was not stored. */
  async put(events: readonly QueuedLogEvent[], abortSignal?: AbortSignal): Promise<ShipResult> {
    if (!this.ready) await this.prepare(abortSignal);
    const { logGroupName, logStreamName } = this.destination;
    const command = new PutLogEventsCommand({
      logGroupName,
      logStreamName,
      logEvents: events.map(({ timestamp, message }) => ({ timestamp, message })),
    });
    try {
      const output = await this.untraced(() => this.client.send(command, { abortSignal }));
      const info = output.rejectedLogEventsInfo;
      if (!info) return { rejected: 0 };
      const tooOld = Math.max(info.tooOldLogEventEndIndex ?? 0, info.expiredLogEventEndIndex ?? 0);
      const tooNew =
        info.tooNewLogEventStartIndex === undefined
          ? 0
          : events.length - info.tooNewLogEventStartIndex;
      return { rejected: tooOld + tooNew };
    } catch (error) {
      if (nameOf(error) === 'ResourceNotFoundException') this.ready = false;
      throw error;
    }
  }

  private async prepare(abortSignal?: AbortSignal): Promise<void> {
    const { logGroupName, logStreamName, retentionInDays } = this.destination;
    try {
      await this.untraced(() =>
        this.client.send(new CreateLogGroupCommand({ logGroupName }), { abortSignal }),
      );
    } catch (error) {
      // An existing group is the usual case; a role without logs:CreateLogGroup may still write.
      const name = nameOf(error);
      if (name !== 'ResourceAlreadyExistsException' && name !== 'AccessDeniedException') {
        throw error;
      }
    }
    if (retentionInDays && !this.retentionSet) {
      this.retentionSet = true;
      await this.untraced(() =>
        this.client.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays }), {
          abortSignal,
        }),
      ).catch((error: unknown) =>
        this.warn(
          `could not set the retention of ${logGroupName} to ${retentionInDays} days ` +
            `(${describeError(error)}); logs are still shipped`,
        ),
      );
    }
    try {
      await this.untraced(() =>
        this.client.send(new CreateLogStreamCommand({ logGroupName, logStreamName }), {
          abortSignal,
        }),
      );
    } catch (error) {
      if (nameOf(error) !== 'ResourceAlreadyExistsException') throw error;
    }
    this.ready = true;
  }

  private untraced<T>(call: () => Promise<T>): Promise<T> {
    return context.with(suppressTracing(ROOT_CONTEXT), call);
  }
}

/** Errors after which sending the same batch again can never succeed. */
export function isPermanentBatchError(error: unknown): boolean {
  const name = nameOf(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return (
    name === 'InvalidParameterException' ||
    name === 'DataAlreadyAcceptedException' ||
    status === 413
  );
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
