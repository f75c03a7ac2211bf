// First, before Nest loads: OpenTelemetry patches modules only if it runs first.
import { telemetry } from './instrument';
import { HOME_ACTIVITIES_SERVICE, read } from '@cruddur/contracts';
import { bootstrapMicroservice } from '@cruddur/observability';
import { AppModule } from './app.module';

void bootstrapMicroservice(AppModule, {
  telemetry,
  host: read(process.env, HOME_ACTIVITIES_SERVICE.host),
  port: read(process.env, HOME_ACTIVITIES_SERVICE.port),
  portVariable: HOME_ACTIVITIES_SERVICE.portVariable,
});
