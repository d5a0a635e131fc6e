import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI pages, public by decision: they describe the API and hold no data. */
export const OPENAPI_ROUTES = 'GET /api/docs*';

/** OpenAPI at /api/docs (UI) and /api/docs-json. */
export function setupSwagger(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('larksync directory admin API')
      .setVersion('1')
      .setDescription(
        'Every operation takes a bearer credential (`lsk_…`, created at POST /api/credentials) of the role in its `x-required-role`; admin has every role.',
      )
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
