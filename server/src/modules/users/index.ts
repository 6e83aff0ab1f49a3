export { UsersRepository, type UserListFilter, type UserPatch } from './users.repository.js';
export {
  UsersService,
  type PlexAccountDirectory,
  type PlexSharedAccount,
  type RequestMeta,
  type UserAccessControl,
  type UserUpdate,
} from './users.service.js';
export { registerUsersRoutes } from './users.routes.js';
export { toUserDto } from './users.presenter.js';
export type { UserRow, NewUserRow } from './users.tables.js';
import './users.events.js';
