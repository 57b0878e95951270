// Settings in lowdb (data/comptoir.json): profiles and users. lowdb rewrites the whole
// file on each write (atomically, through a temporary file), which suits this small,
// rarely written document; the main thread is its only writer (STYLE.md, "Jobs and store").
import { randomUUID } from 'node:crypto';
import { JSONFilePreset } from 'lowdb/node';
import type { Low } from 'lowdb';
import type { Profile } from '../domain/profile.js';
import { parseProfile } from '../domain/profile-schema.js';
import { logger } from '../log.js';

const log = logger('store');

export interface User {
  id: string;
  username: string;
  /** scrypt$N$r$p$salt$hash (web/password.ts). */
  passwordHash: string;
  role: 'admin' | 'user';
  createdAt: string;
}

export interface SettingsData {
  version: number;
  defaultProfileId?: string;
  profiles: Profile[];
  users: User[];
}

export const SETTINGS_VERSION = 1;

/**
 * Migrations from older settings files, applied at open: each stored profile goes through
 * the profile migrations and validation (a profile saved by an older version still loads).
 * A profile that no longer validates is kept as it is, with its problems logged: dropping
 * it would lose the accountant's settings.
 */
function migrate(data: SettingsData): SettingsData {
  const profiles = (data.profiles ?? []).map((stored) => {
    const parsed = parseProfile(stored);
    if (parsed.ok) return parsed.profile;
    log.error('a stored profile does not validate', { profile: stored.id, problems: parsed.problems });
    return stored;
  });
  return { ...data, version: SETTINGS_VERSION, profiles, users: data.users ?? [] };
}

export class SettingsStore {
  private constructor(private readonly db: Low<SettingsData>) {}

  static async open(file: string): Promise<SettingsStore> {
    const db = await JSONFilePreset<SettingsData>(file, {
      version: SETTINGS_VERSION,
      profiles: [],
      users: [],
    });
    db.data = migrate(db.data);
    return new SettingsStore(db);
  }

  // Users

  userCount(): number {
    return this.db.data.users.length;
  }

  findUserByName(username: string): User | undefined {
    const wanted = username.trim().toLowerCase();
    return this.db.data.users.find((u) => u.username.toLowerCase() === wanted);
  }

  findUserById(id: string): User | undefined {
    return this.db.data.users.find((u) => u.id === id);
  }

  async createUser(fields: Omit<User, 'id' | 'createdAt'>): Promise<User> {
    const user: User = { id: randomUUID(), createdAt: new Date().toISOString(), ...fields };
    this.db.data.users.push(user);
    await this.db.write();
    return user;
  }

  // Profiles

  profiles(): Profile[] {
    return this.db.data.profiles;
  }

  profile(id: string): Profile | undefined {
    return this.db.data.profiles.find((p) => p.id === id);
  }

  defaultProfile(): Profile | undefined {
    const id = this.db.data.defaultProfileId;
    return (id ? this.profile(id) : undefined) ?? this.db.data.profiles[0];
  }

  async saveProfile(profile: Profile, options: { makeDefault?: boolean } = {}): Promise<void> {
    const index = this.db.data.profiles.findIndex((p) => p.id === profile.id);
    if (index === -1) this.db.data.profiles.push(profile);
    else this.db.data.profiles[index] = profile;
    if (options.makeDefault || !this.db.data.defaultProfileId) this.db.data.defaultProfileId = profile.id;
    await this.db.write();
  }
}
