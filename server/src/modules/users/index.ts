export { UsersRepository } from './users.repository.js';
export type { UserRow } from './users.tables.js';
