import bcrypt from 'bcryptjs';

/** bcrypt (pure JS: nothing to compile on the target machine); rounds come from config. */
export class PasswordHasher {
  constructor(private readonly rounds: number) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.rounds);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}
