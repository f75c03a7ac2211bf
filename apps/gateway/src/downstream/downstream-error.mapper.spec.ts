import { HttpStatus } from '@nestjs/common';
import {
  NatsDisconnectedError,
  NatsNoRespondersError,
  NatsResponderVanishedError,
} from '@cruddur/observability/internal/transport/nats-errors';
import { TimeoutError } from 'rxjs';
import { toHttpException } from './downstream-error.mapper';

describe('toHttpException', () => {
  const map = (error: unknown) => {
    const exception = toHttpException(error, 'notifications', 3000);
    return { status: exception.getStatus(), message: exception.message };
  };

  it('maps a missed deadline to 504', () => {
    expect(map(new TimeoutError())).toEqual({
      status: HttpStatus.GATEWAY_TIMEOUT,
      message: 'notifications did not answer within 3000 ms',
    });
  });

  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:4102'), { code: 'ECONNREFUSED' })],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    [new Error('Connection closed')],
    [new NatsNoRespondersError('notifications.list')],
    [new NatsResponderVanishedError('notifications.list', 1000)],
    [new NatsDisconnectedError()],
  ])('maps "nobody there" (%s) to 503 without the address', (error) => {
    expect(map(error)).toEqual({
      status: HttpStatus.SERVICE_UNAVAILABLE,
      message: 'notifications is unavailable',
    });
  });

  it('passes on a 4xx the service raised on purpose', () => {
    expect(map({ statusCode: 404, message: 'no such activity' })).toEqual({
      status: 404,
      message: 'no such activity',
    });
  });

  it('maps any other failure to 502 without its internal message', () => {
    expect(
      map({ status: 'error', message: 'TypeError: cannot read x of undefined at /srv/app.js:3' }),
    ).toEqual({
      status: HttpStatus.BAD_GATEWAY,
      message: 'notifications failed to handle the request',
    });
  });
});
