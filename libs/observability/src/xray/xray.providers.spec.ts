import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { XRayDaemonReceiver } from '@cruddur/testing';
import { ObservabilityModule } from '../observability.module';
import type { ObservabilityModuleOptions } from '../observability.options';
import { XRAY_RECORDER } from './xray.constants';
import type { XRayRecorder } from './xray-recorder';
import { XRayService } from './xray.service';

async function recorderOf(observability: DynamicModule) {
  @Module({ imports: [observability] })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  return { app, recorder: app.get<XRayRecorder>(XRAY_RECORDER), service: app.get(XRayService) };
}

describe('the X-Ray providers of ObservabilityModule', () => {
  let daemon: XRayDaemonReceiver;
  const options = (): ObservabilityModuleOptions => ({
    serviceName: 'notifications',
    xray: { daemonAddress: { host: '127.0.0.1', port: daemon.port } },
  });

  beforeAll(async () => (daemon = await XRayDaemonReceiver.start()));
  afterAll(() => daemon.close());

  it('forRoot builds an enabled recorder per app from the options, closed with the app', async () => {
    const first = await recorderOf(ObservabilityModule.forRoot(options()));
    const second = await recorderOf(ObservabilityModule.forRoot(options()));
    expect(first.recorder.enabled).toBe(true);
    expect(first.recorder.options.segmentName).toBe('notifications');
    expect(first.recorder.options.daemonAddress.port).toBe(daemon.port);
    expect(second.recorder).not.toBe(first.recorder);
    expect(first.service).toBeInstanceOf(XRayService);
    const shutdown = jest.spyOn(first.recorder, 'onApplicationShutdown');
    await first.app.close();
    expect(shutdown).toHaveBeenCalled();
    await second.app.close();
  });

  it('forRootAsync with useFactory, and xray.enabled=false records nothing', async () => {
    const { app, recorder } = await recorderOf(
      ObservabilityModule.forRootAsync({
        useFactory: () => ({ serviceName: 'gateway', xray: { enabled: false } }),
      }),
    );
    expect(recorder.enabled).toBe(false);
    expect(recorder.beginMessageSegment({} as never, 'x')).toBeUndefined();
    await app.close();
  });

  it('forRootAsync with useClass', async () => {
    @Injectable()
    class OptionsFactory {
      create(): ObservabilityModuleOptions {
        return options();
      }
    }
    const { app, recorder } = await recorderOf(
      ObservabilityModule.forRootAsync({ useClass: OptionsFactory }),
    );
    expect(recorder.enabled).toBe(true);
    await app.close();
  });
});
