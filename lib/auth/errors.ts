import { CredentialsSignin } from 'next-auth';

/** Thrown from `authorize` while sign-ins are throttled; the sign-in action says when to try again. */
export class SignInLocked extends CredentialsSignin {
  code = 'locked';
  constructor(readonly retryAt: Date) {
    super('Too many failed sign-ins; try again later.');
  }
}
