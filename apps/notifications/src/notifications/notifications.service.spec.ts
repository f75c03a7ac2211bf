import { Test } from '@nestjs/testing';
import { ObservabilityModule } from '@cruddur/observability';
import { InMemoryTracing } from '@cruddur/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import { MOCK_DATA_SPAN, MOCK_DATA_READY_EVENT } from '../notifications.constants';
import { NotificationsService } from './notifications.service';

describe('NotificationsService', () => {
  let tracing: InMemoryTracing;
  let service: NotificationsService;

  beforeAll(async () => {
    tracing = InMemoryTracing.install();
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ serviceName: 'notifications' })],
      providers: [NotificationsService],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
    service = moduleRef.get(NotificationsService);
  });
  afterAll(() => tracing.uninstall());

  it("builds the notifications feed in a span with the journals' attribute and an OK status", () => {
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
});
