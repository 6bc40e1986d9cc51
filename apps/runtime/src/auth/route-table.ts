import { Inject, Injectable, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { MIN_ROLE, PUBLIC_ROUTE } from './access.decorators.js';
import type { Role } from './user.entity.js';

export interface RouteEntry {
  method: string;
  /** Express-style path: /api/scenarios/:id */
  path: string;
  controller: string;
  handler: string;
  /** The least role the AccessGuard requires; `public` for routes marked @Public. */
  access: Role | 'public';
}

/**
 * Every HTTP route the controllers declare, with the access each gets from AccessGuard (the same
 * rules: MinRole on the handler, else on the class, else admin). The authorization test walks
 * this table, so a new route is tested without anyone listing it.
 */
@Injectable()
export class RouteTable {
  constructor(
    @Inject(DiscoveryService) private readonly discovery: DiscoveryService,
    @Inject(MetadataScanner) private readonly scanner: MetadataScanner,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  entries(): RouteEntry[] {
    const entries: RouteEntry[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const targets = [handler, metatype];
        const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
        const role = this.reflector.getAllAndOverride<Role>(MIN_ROLE, targets) ?? 'admin';
        entries.push({
          method: RequestMethod[method],
          path: joinPath(prefix, path),
          controller: metatype.name,
          handler: name,
          access: isPublic ? 'public' : role,
        });
      }
    }
    return entries;
  }
}

function joinPath(prefix: string, path: string): string {
  const joined = `/${[prefix, path]
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined;
}
