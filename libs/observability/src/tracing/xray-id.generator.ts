import { RandomIdGenerator } from '@opentelemetry/sdk-trace';
import type { IdGenerator } from '@opentelemetry/sdk-trace';

/**
 * Trace ids X-Ray accepts: the first 8 hex digits are the epoch seconds, the other 24 random; span
 * ids are the SDK's random ones. One id then serves OpenTelemetry (`4bf92f35…`) and X-Ray
 * (`1-4bf92f35-…`).
 *
 * This is what `@opentelemetry/id-generator-aws-xray` does; its latest release (2.1) is built on
 * the 2.x SDK and peers on `@opentelemetry/api` < 1.10, so it cannot sit in an SDK 3 process
 * without a second copy of the SDK and a peer conflict at every install.
 */
export class XRayIdGenerator implements IdGenerator {
  private readonly random = new RandomIdGenerator();

  constructor(private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000)) {}

  generateTraceId(): string {
    const epoch = this.nowSeconds().toString(16).padStart(8, '0').slice(-8);
    return epoch + this.random.generateTraceId().slice(8);
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}
