export { SettingsService, type SetOptions } from './settings.service.js';
