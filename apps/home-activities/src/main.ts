// First, before Nest loads: OpenTelemetry patches modules only if it runs first.
import { telemetry } from './instrument';
import { HOME_ACTIVITIES_SERVICE, readPort, readString } from '@cruddur/contracts';
import { bootstrapMicroservice } from '@cruddur/observability';
import { AppModule } from './app.module';

void bootstrapMicroservice(AppModule, {
  telemetry,
  host: readString(
    process.env,
    HOME_ACTIVITIES_SERVICE.hostVariable,
    HOME_ACTIVITIES_SERVICE.defaultHost,
  ),
  port: readPort(
    process.env,
    HOME_ACTIVITIES_SERVICE.portVariable,
    HOME_ACTIVITIES_SERVICE.defaultPort,
  ),
  portVariable: HOME_ACTIVITIES_SERVICE.portVariable,
});
