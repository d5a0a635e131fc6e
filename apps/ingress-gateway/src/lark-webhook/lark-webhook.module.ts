import { DynamicModule, Module } from '@nestjs/common';
import { EventIngestService, LARK_WEBHOOK_OPTIONS, LarkWebhookOptions } from './event-ingest.service';
import { LarkWebhookRoute } from './lark-webhook.route';
import { WebhookMetrics } from './webhook.metrics';

/** `POST /lark/events/:idpId`: verified, decrypted Lark events into Kafka. */
@Module({})
export class LarkWebhookModule {
  static forRoot(options: LarkWebhookOptions): DynamicModule {
    return {
      module: LarkWebhookModule,
      providers: [
        { provide: LARK_WEBHOOK_OPTIONS, useValue: options },
        WebhookMetrics,
        EventIngestService,
        LarkWebhookRoute,
      ],
    };
  }
}
