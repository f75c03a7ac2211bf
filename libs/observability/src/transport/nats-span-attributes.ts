/** `messaging.system` (and `rpc.system`) of the NATS transport, as the semantic conventions name it. */
export const NATS_SYSTEM = 'nats';

/** Messaging attributes the NATS spans add to the shared transport ones. */
export enum NatsAttributes {
  /** The queue group a server subscribes in: the service name. */
  ConsumerGroup = 'messaging.consumer.group.name',
}
