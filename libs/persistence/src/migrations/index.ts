import { CreateIdp1764266400000 } from './1764266400000-CreateIdp';

/** Every migration in order; applied by `npm run migrate`, never by `synchronize`. */
export const migrations = [CreateIdp1764266400000];
