import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TraceService } from 'nestjs-otel';
import { RollbarReceiver, SECRET_EXAMPLES } from '@cruddur/testing';
import { ObservabilityModule } from './observability.module';
import { RollbarReporter } from './errors/rollbar-reporter';
import { SERVICE_LOGGING } from './logging/logging.constants';
import type { ServiceLogging } from './logging/service-logging';
import { OBSERVABILITY_OPTIONS } from './observability.module-definition';
import type { ObservabilityModuleOptions } from './observability.options';

@Injectable()
class OptionsFactory {
  create(): ObservabilityModuleOptions {
    return { serviceName: 'from-class' };
  }
}

describe('ObservabilityModule', () => {
  it.each([
    ['forRoot', ObservabilityModule.forRoot({ serviceName: 'notifications' }), 'notifications'],
    [
      'forRootAsync with useFactory',
      ObservabilityModule.forRootAsync({ useFactory: () => ({ serviceName: 'from-factory' }) }),
      'from-factory',
    ],
    [
      'forRootAsync with useClass',
      ObservabilityModule.forRootAsync({ useClass: OptionsFactory }),
      'from-class',
    ],
  ])('%s compiles and provides the options and TraceService', async (_how, dynamicModule, name) => {
    const moduleRef = await Test.createTestingModule({ imports: [dynamicModule] }).compile();
    expect(moduleRef.get<ObservabilityModuleOptions>(OBSERVABILITY_OPTIONS).serviceName).toBe(name);
    expect(moduleRef.get(TraceService)).toBeInstanceOf(TraceService);
    await moduleRef.close();
  });

  it('is global by default, so feature modules need not import it', () => {
    expect(ObservabilityModule.forRoot({ serviceName: 'x' }).global).toBe(true);
    expect(ObservabilityModule.forRoot({ serviceName: 'x', isGlobal: false }).global).toBe(false);
  });

  it('reads its settings once from `env`: OTEL_SERVICE_NAME names the logs and the Rollbar items', async () => {
    const env = { OTEL_SERVICE_NAME: 'edge', LOG_LEVEL: 'warn' };
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ serviceName: 'gateway', env })],
    }).compile();
    expect(moduleRef.get(RollbarReporter).serviceName).toBe('edge');
    const logging = moduleRef.get<ServiceLogging>(SERVICE_LOGGING);
    expect(logging.config.level).toBe('warn');
    await moduleRef.close();
  });

  it("keeps the secret values of its `env`, not only the process's, out of Rollbar items", async () => {
    const receiver = await RollbarReceiver.start();
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'gateway',
          env: { ...SECRET_EXAMPLES.env, ROLLBAR_ENDPOINT: receiver.endpoint },
        }),
      ],
    }).compile();
    try {
      const reporter = moduleRef.get(RollbarReporter);
      reporter.reportError(new Error(`failed: ${SECRET_EXAMPLES.envValues.join(' | ')}`));
      expect(await reporter.flush()).toBe(true);
      const sent = receiver.requests.map((request) => request.body).join('\n');
      expect(sent).toContain('failed: ');
      for (const secret of SECRET_EXAMPLES.envValues) {
        expect({ secret, leaked: sent.includes(secret) }).toEqual({ secret, leaked: false });
      }
    } finally {
      await moduleRef.close();
      await receiver.close();
    }
  });
});
