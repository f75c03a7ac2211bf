// First, before Nest loads: OpenTelemetry patches modules only if it runs first.
import { telemetry } from './instrument';
import { NOTIFICATIONS_SERVICE, read } from '@cruddur/contracts';
import { bootstrapMicroservice } from '@cruddur/observability';
import { AppModule } from './app.module';

void bootstrapMicroservice(AppModule, {
  telemetry,
  host: read(process.env, NOTIFICATIONS_SERVICE.host),
  port: read(process.env, NOTIFICATIONS_SERVICE.port),
  portVariable: NOTIFICATIONS_SERVICE.portVariable,
});
