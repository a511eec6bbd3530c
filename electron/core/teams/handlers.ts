/** team.* procedures. */
import { OK, signedIn, type HandlersOf } from '../api/call-context';
import { addMember, createTeam, takeOut, teamsFor } from './team-admin';

export const teamHandlers: HandlersOf<'team'> = {
  'team.list': (ctx) => teamsFor(signedIn(ctx)),
  'team.create': async (ctx, input) => {
    await createTeam(signedIn(ctx), input.name);
    return OK;
  },
  'team.addMember': async (ctx, input) => {
    await addMember(signedIn(ctx), input.team, input.username, input.lead);
    return OK;
  },
  'team.removeMember': async (ctx, input) => {
    await takeOut(signedIn(ctx), input.username);
    return OK;
  },
};
