import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import rule from './bounded-contexts.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.afterAll = afterAll;

const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });
const inContext = (context: string, file = 'x.service.ts') => `/repo/server/src/modules/${context}/${file}`;

tester.run('bounded-contexts', rule, {
  valid: [
    { code: "import { x } from './auth.repository.js';", filename: inContext('auth') },
    { code: "import { UsersRepository } from '../users/index.js';", filename: inContext('auth') },
    { code: "import { AppError } from '../../platform/http/errors.js';", filename: inContext('auth') },
    { code: "import { x } from 'express';", filename: '/repo/server/src/platform/http/app.ts' },
    { code: "import { SettingsService } from '../modules/settings/index.js';", filename: '/repo/server/src/app/composition.ts' },
  ],
  invalid: [
    {
      code: "import { users } from '../users/users.tables.js';",
      filename: inContext('auth'),
      errors: [{ messageId: 'internals' }],
    },
    {
      code: "export { x } from '../downloads/downloads.service.js';",
      filename: inContext('requests'),
      errors: [{ messageId: 'internals' }],
    },
    {
      code: "import { AuditLog } from '../../modules/audit/index.js';",
      filename: '/repo/server/src/platform/http/app.ts',
      errors: [{ messageId: 'platform' }],
    },
    {
      code: "import { x } from '../../modules/library/index.js';",
      filename: '/repo/server/src/integrations/plex/plex.client.ts',
      errors: [{ messageId: 'platform' }],
    },
  ],
});
