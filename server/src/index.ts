export { createMediaNest, type MediaNest, type Platform, type Role } from './app/composition.js';
export { loadConfig, ConfigError, type Config } from './platform/config/config.js';
