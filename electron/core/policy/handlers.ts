/** policy.* procedures. */
import { signedIn, type HandlersOf } from '../api/call-context';
import { changePolicy, policy } from './policy-admin';

export const policyHandlers: HandlersOf<'policy'> = {
  'policy.get': (ctx) => policy(signedIn(ctx)),
  'policy.set': (ctx, input) => changePolicy(signedIn(ctx), input.changes, input.reason),
};
