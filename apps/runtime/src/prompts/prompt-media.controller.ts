import { Controller, ForbiddenException, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/access.decorators.js';
import { zodPipe } from '../common/zod-body.js';
import { PromptsService } from './prompts.service.js';

const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code');
const file = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}\.(wav|mp3)$/, 'must be <name>.wav or <name>.mp3');
const signature = z.object({ sig: z.string().regex(/^[A-Za-z0-9_-]{32}$/, 'must be a media signature') }).strict();

/**
 * Prompt files for FreeSWITCH's mod_http_cache. No session (the switch cannot sign in): each URL
 * carries an HMAC signature of its path, made by PromptsService.playback().
 */
@ApiTags('prompts')
@Controller('media/prompts')
export class PromptMediaController {
  constructor(@Inject(PromptsService) private readonly prompts: PromptsService) {}

  @Get(':language/:file')
  @Public()
  media(
    @Param('language', zodPipe(language)) lang: string,
    @Param('file', zodPipe(file)) name: string,
    @Query(zodPipe(signature)) query: z.infer<typeof signature>,
    @Res() response: Response,
  ): void {
    const relative = `${lang}/${name}`;
    if (!this.prompts.signer.verify(relative, query.sig))
      throw new ForbiddenException('The media signature does not match');
    response.type(name.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg');
    response.sendFile(relative, { root: this.prompts.store.root, dotfiles: 'deny', maxAge: '1h' }, (error) => {
      if (error && !response.headersSent) {
        const missing = new NotFoundException(`No prompt file ${relative}`);
        response.status(404).json({ statusCode: 404, error: 'Not Found', message: missing.message });
      }
    });
  }
}
