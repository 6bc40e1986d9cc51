import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RUNTIME_CONFIG } from '../config/config.tokens.js';
import type { RuntimeConfig } from '../config/runtime-config.js';
import { nowIso } from '../common/time.js';
import { PasswordHasher } from './password-hasher.js';
import { UserEntity, type Role } from './user.entity.js';

export interface UserView {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
  updatedAt: string;
}

export const toUserView = (user: UserEntity): UserView => ({
  id: user.id,
  username: user.username,
  role: user.role,
  createdAt: user.createdAt,
  updatedAt: user.updatedAt,
});

@Injectable()
export class UsersService {
  readonly hasher: PasswordHasher;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.hasher = new PasswordHasher(config.passwordHashRounds);
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ username });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async list(): Promise<UserView[]> {
    return (await this.users.find({ order: { username: 'ASC' } })).map(toUserView);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    return toUserView(user);
  }

  async create(input: { username: string; password: string; role: Role }): Promise<UserView> {
    if (await this.findByUsername(input.username)) throw new ConflictException(`User ${input.username} already exists`);
    const now = nowIso();
    const user: UserEntity = {
      id: randomUUID(),
      username: input.username,
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
      createdAt: now,
      updatedAt: now,
    };
    await this.users.insert(user);
    return toUserView(user);
  }

  async update(id: string, changes: { password?: string; role?: Role }, actingUserId: string): Promise<UserView> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    if (changes.role && changes.role !== 'admin' && user.role === 'admin')
      await this.refuseLosingLastAdmin(id, actingUserId);
    const update: Partial<UserEntity> = { updatedAt: nowIso() };
    if (changes.role) update.role = changes.role;
    if (changes.password) update.passwordHash = await this.hasher.hash(changes.password);
    await this.users.update({ id }, update);
    return this.get(id);
  }

  async remove(id: string, actingUserId: string): Promise<void> {
    const user = await this.findById(id);
    if (!user) throw new NotFoundException(`No user ${id}`);
    if (user.role === 'admin') await this.refuseLosingLastAdmin(id, actingUserId);
    if (id === actingUserId) throw new ConflictException('You cannot delete your own user');
    await this.users.delete({ id });
  }

  private async refuseLosingLastAdmin(id: string, _actingUserId: string): Promise<void> {
    const admins = await this.users.countBy({ role: 'admin' });
    if (admins <= 1) throw new ConflictException(`User ${id} is the last admin; make another admin first`);
  }
}
