import { Controller, Post, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TELEMETRY_RELAY_PATH } from './telemetry-relay.constants';
import { TelemetryRelayService } from './telemetry-relay.service';

/**
 * POST /api/telemetry/traces: where browsers send their spans (OTLP/HTTP, JSON or protobuf), so
 * that no telemetry write key is ever shipped to a browser.
 */
@Controller(TELEMETRY_RELAY_PATH.slice(1))
export class TelemetryRelayController {
  constructor(private readonly relay: TelemetryRelayService) {}

  @Post()
  async traces(@Req() request: IncomingMessage, @Res() response: ServerResponse): Promise<void> {
    await this.relay.relay(request, response);
  }
}
