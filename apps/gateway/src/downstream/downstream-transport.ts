import type { ServiceEndpointDefinition } from '@cruddur/contracts';
import type { TracingClientTcp } from '@cruddur/observability';
import { TracingClientNats, toNatsConnectionOptions } from '@cruddur/observability';
import type { GatewayConfig } from '../gateway.config';
import { DownstreamTcpClient } from './downstream-tcp.client';

/** The client for one downstream service: what DownstreamClient sends through. */
export type DownstreamTransportClient = TracingClientTcp | TracingClientNats;

/** Bounds on how long a replica may stay silent before its request is retried elsewhere. */
const MIN_SILENCE_MS = 100;
const MAX_SILENCE_MS = 1000;

/**
 * A traced client for `service` on the configured transport: TCP to its host:port, or NATS, where
 * the service is a queue group of any number of replicas. Over NATS a replica counts as gone after
 * a third of the request deadline without a word (at most 1 s), which leaves the retry time to be
 * answered by another replica within the same deadline.
 */
export function createTransportClient(
  service: ServiceEndpointDefinition,
  config: GatewayConfig,
  onSocketError: (error: unknown) => void,
): DownstreamTransportClient {
  if (config.transport === 'nats' && config.nats) {
    return new TracingClientNats({
      serviceName: service.name,
      ...toNatsConnectionOptions(config.nats),
      responderSilenceMs: Math.min(
        MAX_SILENCE_MS,
        Math.max(MIN_SILENCE_MS, Math.floor(config.downstreamTimeoutMs / 3)),
      ),
    });
  }
  return new DownstreamTcpClient({
    serviceName: service.name,
    ...config.services[service.name],
    onSocketError,
  });
}
