import { buildTemplate } from './global-setup.js';

export default () => buildTemplate('postgres');
