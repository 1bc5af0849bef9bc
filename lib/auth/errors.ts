import { CredentialsSignin } from 'next-auth';

/** Thrown from `authorize` while sign-ins are throttled; the sign-in action says when to try again. */
export class SignInLocked extends CredentialsSignin {
  code = 'locked';
  constructor(readonly retryAt: Date) {
    super('Too many failed sign-ins; try again later.');
  }
}

/** Thrown from `authorize` for the right password of a citizen account whose e-mail is not confirmed. */
export class SignInUnverified extends CredentialsSignin {
  code = 'unverified';
  constructor() {
    super('The e-mail of this account is not confirmed yet.');
  }
}
