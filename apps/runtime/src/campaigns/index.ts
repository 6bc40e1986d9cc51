/** The campaigns module's public surface. Import JobsModule.forRoot() beside it. */
export { CampaignsModule } from './campaigns.module.js';
export { CampaignsService, type CampaignsOptions } from './campaigns.service.js';
export { CampaignDialer } from './campaign-dialer.js';
