// The profile the signed-in user works on: chosen in the layout's selector, kept in the
// session, the default profile until then (or when the chosen one was deleted).
import type { Profile } from '../domain/profile.js';
import type { SettingsStore } from '../store/settings.js';
import type { WebContext, WebMiddleware } from './context.js';
import { sessionOf } from './session.js';
import { fail } from './fail.js';

export function currentProfile(settings: SettingsStore): WebMiddleware {
  return async (ctx, next) => {
    if (ctx.state.user) {
      ctx.state.profiles = settings.profiles().map(({ id, name }) => ({ id, name }));
      const chosen = ctx.session?.profileId;
      const profile = (chosen ? settings.profile(chosen) : undefined) ?? settings.defaultProfile();
      if (profile) ctx.state.profile = profile;
    }
    await next();
  };
}

export function chooseProfile(ctx: WebContext, id: string): void {
  sessionOf(ctx).profileId = id;
}

/** The current profile; a 404 when there is none at all. */
export function requireProfile(ctx: WebContext): Profile {
  const profile = ctx.state.profile;
  if (!profile) fail(ctx, 404, ctx.state.t('profiles.none'));
  return profile;
}
