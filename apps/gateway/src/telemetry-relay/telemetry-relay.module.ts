import { Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { OtlpForwarder } from './otlp-forwarder';
import { TELEMETRY_RELAY_CONFIG } from './telemetry-relay.constants';
import type { TelemetryRelayConfig } from './telemetry-relay.config';
import { TelemetryRelayController } from './telemetry-relay.controller';
import { TelemetryRelayService } from './telemetry-relay.service';

/**
 * The browser telemetry relay. Browsers may not hold a telemetry write key (anyone can read it out
 * of the page and send anything in our name - the journals' security note asks for at least an
 * ingest-only key); they send to the gateway instead, which validates and forwards with its own.
 * Its configuration is read once by main.ts and given to `forRoot`.
 */
@Module({
  controllers: [TelemetryRelayController],
  providers: [
    {
      provide: OtlpForwarder,
      inject: [TELEMETRY_RELAY_CONFIG],
      useFactory: (config: TelemetryRelayConfig) => new OtlpForwarder(config.forward),
    },
    TelemetryRelayService,
  ],
})
export class TelemetryRelayModule {
  /** The relay with the configuration main.ts read at start. */
  static forRoot(config: TelemetryRelayConfig): DynamicModule {
    return {
      module: TelemetryRelayModule,
      providers: [{ provide: TELEMETRY_RELAY_CONFIG, useValue: config }],
    };
  }
}
