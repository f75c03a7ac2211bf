import { Module } from '@nestjs/common';
import { ObservabilityModule } from '@cruddur/observability';
import { NotificationsController } from './notifications/notifications.controller';
import { NotificationsService } from './notifications/notifications.service';
import { NOTIFICATIONS_FAULT, readNotificationsFault } from './notifications/notifications-fault';
import { SERVICE_NAME } from './notifications.constants';

@Module({
  imports: [ObservabilityModule.forRoot({ serviceName: SERVICE_NAME })],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    { provide: NOTIFICATIONS_FAULT, useFactory: () => readNotificationsFault() },
  ],
})
export class AppModule {}
