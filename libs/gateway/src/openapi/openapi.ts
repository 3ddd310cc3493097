import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { describeValidatedDtos } from './validator-schemas';

export const OPENAPI_JSON_PATH = 'openapi.json';
export const OPENAPI_DOCS_PATH = 'docs';

/**
 * The api-gateway's OpenAPI document, generated at start from the registered controllers (routes,
 * path parameters) and the class-validator DTOs of their @Body()/@Query() parameters (see
 * describeValidatedDtos). A new endpoint appears by itself once its controller is in
 * ApiGatewayModule; @nestjs/swagger decorators (@ApiOperation, @ApiTags, …) refine it.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  describeValidatedDtos();
  const config = new DocumentBuilder()
    .setTitle('Switchboard Messaging API')
    .setDescription(
      'Corteza-style messaging REST (seed 004), Slack rtm.connect. Success bodies are {"response": …}, errors {"error": {"code", "message"}} (docs/errors.md).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  document.security = [{ bearer: [] }];
  return document;
}

/** Serves GET /openapi.json and a Swagger UI page at GET /docs. */
export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'openapi.yaml',
  });
}
