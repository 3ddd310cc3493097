import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { ParameterObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { handlersWithCaller } from '../corteza/caller';
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
    operationIdFactory: operationId,
  });
  document.security = [{ bearer: [] }];
  declarePathParams(document);
  return document;
}

function operationId(controller: string, method: string): string {
  return `${controller.replace(/Controller$/, '')}_${method}`;
}

/**
 * Handlers that take their path params together (CurrentCaller) name none of them one by one, so
 * each `{name}` of their path is listed here, first and in path order, as a required string: what
 * @Param(name) gives.
 */
function declarePathParams(document: OpenAPIObject): void {
  const ids = handlersWithCaller().map(({ controller, handler }) => operationId(controller, handler));
  // An @All handler's operations carry the HTTP method after its id.
  const takesCaller = (id = ''): boolean => ids.some((own) => id === own || id.startsWith(`${own}_`));
  for (const [path, operations] of Object.entries(document.paths)) {
    const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    for (const operation of Object.values(operations) as { operationId?: string; parameters?: unknown }[]) {
      if (!operation || typeof operation !== 'object' || !takesCaller(operation.operationId)) continue;
      const listed = (operation.parameters ?? []) as ParameterObject[];
      const missing = names
        .filter((name) => !listed.some((parameter) => parameter.in === 'path' && parameter.name === name))
        .map((name): ParameterObject => ({ name, required: true, in: 'path', schema: { type: 'string' } }));
      if (missing.length > 0) operation.parameters = [...missing, ...listed];
    }
  }
}

/** Serves GET /openapi.json and a Swagger UI page at GET /docs. */
export function serveOpenApi(app: INestApplication): void {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH,
    yamlDocumentUrl: 'openapi.yaml',
  });
}
