// First, before Nest loads: OpenTelemetry patches modules only if it runs first.
import { telemetry } from './instrument';
import { NOTIFICATIONS_SERVICE, readPort, readString } from '@cruddur/contracts';
import { bootstrapMicroservice } from '@cruddur/observability';
import { AppModule } from './app.module';

void bootstrapMicroservice(AppModule, {
  telemetry,
  host: readString(
    process.env,
    NOTIFICATIONS_SERVICE.hostVariable,
    NOTIFICATIONS_SERVICE.defaultHost,
  ),
  port: readPort(
    process.env,
    NOTIFICATIONS_SERVICE.portVariable,
    NOTIFICATIONS_SERVICE.defaultPort,
  ),
  portVariable: NOTIFICATIONS_SERVICE.portVariable,
});
