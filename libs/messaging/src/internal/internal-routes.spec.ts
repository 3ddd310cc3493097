import 'reflect-metadata';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod, type Type } from '@nestjs/common';
import { type AnyInternalRoute, INTERNAL_PREFIX, InternalRoutes } from '@switchboard/contracts';
import { MessagingServiceModule } from '../messaging-service.module';
import { INTERNAL_ROUTE_METADATA } from './internal-route.decorator';

/** The controllers of a module and of every module it imports. */
function controllersOf(root: Type, seen = new Set<Type>()): Type[] {
  if (seen.has(root)) return [];
  seen.add(root);
  const imports = (Reflect.getMetadata('imports', root) ?? []) as unknown[];
  const modules = imports.filter((imported): imported is Type => typeof imported === 'function');
  const own = (Reflect.getMetadata('controllers', root) ?? []) as Type[];
  return [...own, ...modules.flatMap((imported) => controllersOf(imported, seen))];
}

/** Every handler of messaging-service's controllers, with the route it serves and Nest's own method and path. */
function handlers() {
  const controllers = controllersOf(MessagingServiceModule);
  return controllers.flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((key) => key !== 'constructor')
      .map((key) => {
        const handler = (controller.prototype as Record<string, object>)[key];
        return {
          name: `${controller.name}.${key}`,
          prefix: Reflect.getMetadata(PATH_METADATA, controller) as string,
          route: Reflect.getMetadata(INTERNAL_ROUTE_METADATA, handler) as AnyInternalRoute | undefined,
          path: Reflect.getMetadata(PATH_METADATA, handler) as string | undefined,
          method: Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined,
        };
      })
      .filter((handler) => handler.path !== undefined),
  );
}

describe('the internal contract, messaging side', () => {
  it('serves every InternalRoutes entry with exactly one controller method, at its method and path', () => {
    const all = handlers();
    for (const [name, route] of Object.entries(InternalRoutes)) {
      const serving = all.filter((handler) => handler.route === route);
      expect({ name, serving: serving.map((handler) => handler.name) }).toEqual({
        name,
        serving: [expect.any(String)],
      });
      expect({ name, prefix: serving[0].prefix, path: serving[0].path, method: serving[0].method }).toEqual({
        name,
        prefix: INTERNAL_PREFIX,
        path: route.path,
        method: RequestMethod[route.method],
      });
    }
  });

  it('has no internal handler outside the contract', () => {
    const undeclared = handlers().filter((handler) => handler.prefix === INTERNAL_PREFIX && !handler.route);
    expect(undeclared.map((handler) => handler.name)).toEqual([]);
  });

  it('declares no two routes with the same method and path', () => {
    const keys = Object.values(InternalRoutes).map((route) => `${route.method} ${route.path}`);
    expect(keys.length).toBe(new Set(keys).size);
  });
});
