// First, before Nest, express or http load: OpenTelemetry patches them only if it runs first.
import { telemetry } from './instrument';
import { bootstrapHttpService } from '@cruddur/observability';
import { AppModule } from './app.module';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, readGatewayConfig } from './gateway.config';
import { FrontendOriginPolicy } from './cors/frontend-origin.policy';
import { readTelemetryRelayConfig } from './telemetry-relay/telemetry-relay.config';

// The environment is read here, once; the modules get what it says.
const config = readGatewayConfig();
void bootstrapHttpService(AppModule.forRoot(config, readTelemetryRelayConfig()), {
  telemetry,
  port: config.port,
  portVariable: 'GATEWAY_PORT',
  host: config.host,
  // No route takes a parsed body; the telemetry relay reads (and limits) its raw bodies itself.
  bodyParser: false,
  cors: {
    origin: new FrontendOriginPolicy(config.frontendUrl).corsOrigin,
    // POST: the front end's span exports to the telemetry relay.
    methods: ['GET', 'HEAD', 'OPTIONS', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
  },
});
