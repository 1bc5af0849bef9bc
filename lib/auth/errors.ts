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

/** Thrown from `authorize` for the right password of staff whose role requires a gov.br level not met. */
export class SignInGovbrLevel extends CredentialsSignin {
  code = 'govbr';
  constructor(readonly required: 'bronze' | 'prata' | 'ouro') {
    super('This role requires a linked gov.br account of a higher level.');
  }
}
