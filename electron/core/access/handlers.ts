/** role.* procedures: the role × permission matrix. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { changeRolePermissions, matrix } from './role-admin';

export const roleHandlers: HandlersOf<'role'> = {
  'role.matrix': (ctx) => matrix(signedIn(ctx)),
  'role.set': (ctx, input) => changeRolePermissions(signedIn(ctx), input.role, input.permissions, input.reason),
};
