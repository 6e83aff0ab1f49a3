import './status.events.js';

export { createStatusContext, type StatusContext, type StatusContextDeps } from './status.context.js';
export type { ServiceState } from './status.events.js';
export type { StatusClients, ProbeResult } from './status.probes.js';
export type { PlexServerSource } from './status.settings.js';
export { versionAtLeast, MIN_VERSIONS } from './status.diagnose.js';
