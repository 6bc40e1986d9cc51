import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';

const SERVER_PATHS = /^\/(api|health|metrics|media)(\/|$)/;

/**
 * Serves the designer's build at /, with index.html for any other non-API GET (client-side
 * routes). Without a build, / answers a plain page that says how to get one.
 */
export function designerStatic(distDir: string) {
  const index = join(distDir, 'index.html');
  const built = existsSync(index);
  const files = built ? express.static(distDir, { index: false, maxAge: '1h', dotfiles: 'ignore' }) : undefined;
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (!files) {
      if (req.path !== '/') return next();
      res.type('html').send(PLACEHOLDER);
      return;
    }
    files(req, res, () => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  };
}

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>IVR Studio runtime</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>IVR Studio runtime</h1>
<p>The runtime is running. The designer has not been built: run <code>pnpm run build</code> at the repository root, then restart.</p>
<p>API documentation: <a href="/api/docs">/api/docs</a> · Health: <a href="/health">/health</a></p>
</body></html>
`;
