import { Test } from '@nestjs/testing';
import { ObservabilityModule } from '@cruddur/observability';
import { InMemoryTracing } from '@cruddur/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import { MOCK_DATA_SPAN } from '../home-activities.constants';
import { HomeActivitiesService } from './home-activities.service';

describe('HomeActivitiesService', () => {
  let tracing: InMemoryTracing;
  let service: HomeActivitiesService;

  beforeAll(async () => {
    tracing = InMemoryTracing.install();
    const moduleRef = await Test.createTestingModule({
      imports: [ObservabilityModule.forRoot({ serviceName: 'home-activities' })],
      providers: [HomeActivitiesService],
    })
      .setLogger({ log() {}, error() {}, warn() {} })
      .compile();
    service = moduleRef.get(HomeActivitiesService);
  });
  afterAll(() => tracing.uninstall());

  it("builds the journals' home feed inside the home-activities-mock-data span", () => {
    const before = Date.now();
    const feed = service.run({ userHandle: 'andrewbrown' });

    expect(feed.map((activity) => activity.handle)).toEqual(['Andrew Brown', 'Worf', 'Garek']);
    const span = tracing.span(MOCK_DATA_SPAN);
    expect(span.attributes['app.result_length']).toBe(3);
    const now = Date.parse(String(span.attributes['app.now']));
    expect(now).toBeGreaterThanOrEqual(before - 1);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    // Dates are relative to that same instant: created two days before, expiring five after.
    expect(Date.parse(feed[0].created_at)).toBe(now - 2 * 24 * 3600 * 1000);
    expect(Date.parse(feed[0].expires_at)).toBe(now + 5 * 24 * 3600 * 1000);
  });
});
