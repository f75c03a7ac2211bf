// First, before Nest, express or http load: OpenTelemetry patches them only if it runs first.
import { telemetry } from './instrument';
import { bootstrapHttpService } from '@cruddur/observability';
import { AppModule } from './app.module';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS, readGatewayConfig } from './gateway.config';

const config = readGatewayConfig();
void bootstrapHttpService(AppModule, {
  telemetry,
  port: config.port,
  host: config.host,
  cors: {
    origin: config.frontendUrl,
    methods: ['GET', 'HEAD', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
  },
});
