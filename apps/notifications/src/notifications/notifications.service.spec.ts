import { Test } from '@nestjs/testing';
import { ObservabilityModule } from '@cruddur/observability';
import { InMemoryTracing } from '@cruddur/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import { MOCK_DATA_SPAN, MOCK_DATA_READY_EVENT } from '../notifications.constants';
import { InjectedFaultError, NOTIFICATIONS_FAULT } from './notifications-fault';
import type { NotificationsFault } from './notifications-fault';
import { NotificationsService } from './notifications.service';

describe('NotificationsService', () => {
  let tracing: InMemoryTracing;

  async function serviceWith(fault: NotificationsFault): Promise<NotificationsService> {
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ serviceName: 'notifications' })],
      providers: [NotificationsService, { provide: NOTIFICATIONS_FAULT, useValue: fault }],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
    return moduleRef.get(NotificationsService);
  }

  beforeAll(() => {
    tracing = InMemoryTracing.install();
  });
  afterEach(() => tracing.reset());
  afterAll(() => tracing.uninstall());

  it("builds the notifications feed in a span with the journals' attribute and an OK status", async () => {
    const service = await serviceWith('none');
    const feed = service.run({});
    expect(feed).toEqual([
      expect.objectContaining({ handle: 'Coco Melon', message: 'I am a youtube channel' }),
    ]);
    const span = tracing.span(MOCK_DATA_SPAN);
    expect(span.attributes).toMatchObject({
      'app.notification': 'cruddur',
      'app.result_length': 1,
    });
    expect(span.status).toEqual({ code: SpanStatusCode.OK });
    expect(span.events.map((event) => event.name)).toEqual([MOCK_DATA_READY_EVENT]);
  });

  it('marks the span ERROR with the exception recorded when building the feed fails', async () => {
    const service = await serviceWith('throw');
    expect(() => service.run({})).toThrow(InjectedFaultError);
    const span = tracing.span(MOCK_DATA_SPAN);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.events.map((event) => event.name)).toContain('exception');
  });
});
