// Settings in lowdb (data/comptoir.json): profiles and users. lowdb rewrites the whole
// file on each write (atomically and durably, store/durable-file.ts), which suits this small,
// rarely written document; the main thread is its only writer (STYLE.md, "Jobs and store").
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import type { SmtpSettings } from '../domain/delivery-destination.js';
import { ConfigError } from '../domain/errors.js';
import type { FormatDefinition } from '../domain/format/definition.js';
import type { Profile } from '../domain/profile.js';
import { parseProfile } from '../domain/profile-schema.js';
import { logger } from '../log.js';
import { createSecretBox, isSealed, SecretKeyMismatchError, type SecretBox } from './secret-box.js';
import { mapProfileSecrets, mapSmtpSecrets } from './settings-secrets.js';
import { DurableJSONFile } from './durable-file.js';

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
  /** Formats designed in the format editor (the predefined ones are code, not data). */
  formats?: FormatDefinition[];
  /** The appliance's outgoing mail server (e-mail deliveries, notifications); password sealed. */
  smtp?: SmtpSettings;
  /** Days run journals and error logs are kept (settings page); absent: COMPTOIR_JOURNAL_DAYS. */
  journalDays?: number;
  /** The appliance's time zone (settings page), applied at the next start; absent: COMPTOIR_TZ. */
  timeZone?: string;
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

/**
 * Opens every sealed secret of the stored data. A key that cannot open them refuses to start:
 * going on would mean saving new secrets under another key, losing the old ones for good.
 */
function openSecrets(
  data: SettingsData,
  box: SecretBox,
  file: string,
): { data: SettingsData; clear: boolean } {
  let clear = false;
  const open = (value: string): string => {
    if (isSealed(value)) return box.open(value);
    if (value) clear = true;
    return value;
  };
  try {
    const profiles = (data.profiles ?? []).map((p) => mapProfileSecrets(p, open));
    const smtp = data.smtp ? mapSmtpSecrets(data.smtp, open) : undefined;
    return { data: { ...data, profiles, ...(smtp ? { smtp } : {}) }, clear };
  } catch (error) {
    if (!(error instanceof SecretKeyMismatchError)) throw error;
    throw new ConfigError(
      [
        `The secret key cannot decrypt the secrets stored in ${file}: they were encrypted with another key. ` +
          'Put back the key they were made with (secret.key in the data folder, or COMPTOIR_SECRET_KEY / ' +
          'COMPTOIR_SECRET_KEY_FILE); Comptoir never replaces the key by itself.',
      ],
      { cause: error },
    );
  }
}

export class SettingsStore {
  private constructor(
    private readonly db: Low<SettingsData>,
    private readonly box: SecretBox,
  ) {}

  /** `key` is the appliance key (store/secret-key.ts): secrets are sealed with it (secret-box.ts). */
  static async open(file: string, key: Buffer): Promise<SettingsStore> {
    // Not JSONFilePreset: it keeps everything in memory when NODE_ENV is 'test', so tests
    // would prove neither that settings survive a restart nor that secrets are sealed on disk.
    const db = new Low<SettingsData>(new DurableJSONFile<SettingsData>(file), {
      version: SETTINGS_VERSION,
      profiles: [],
      users: [],
    });
    await db.read();
    const box = createSecretBox(key);
    const opened = openSecrets(db.data, box, file);
    const data = migrate(opened.data);
    const store = new SettingsStore(db, box);
    db.data = {
      ...data,
      profiles: data.profiles.map((p) => store.sealProfile(p)),
      ...(data.smtp ? { smtp: mapSmtpSecrets(data.smtp, (v) => box.seal(v)) } : {}),
    };
    // Secrets written in clear (before encryption existed, or by hand) are sealed at once.
    if (opened.clear) {
      await db.write();
      log.info('stored secrets encrypted', { file });
    }
    return store;
  }

  private sealProfile(profile: Profile): Profile {
    return mapProfileSecrets(profile, (v) => this.box.seal(v));
  }

  private openProfile(profile: Profile): Profile {
    return mapProfileSecrets(profile, (v) => (isSealed(v) ? this.box.open(v) : v));
  }

  // Appliance SMTP settings

  smtp(): SmtpSettings | undefined {
    const smtp = this.db.data.smtp;
    return smtp ? mapSmtpSecrets(smtp, (v) => (isSealed(v) ? this.box.open(v) : v)) : undefined;
  }

  journalDays(): number | undefined {
    return this.db.data.journalDays;
  }

  timeZone(): string | undefined {
    return this.db.data.timeZone;
  }

  async saveTimeZone(zone: string): Promise<void> {
    this.db.data.timeZone = zone;
    await this.db.write();
  }

  async saveJournalDays(days: number): Promise<void> {
    this.db.data.journalDays = days;
    await this.db.write();
  }

  async saveSmtp(smtp: SmtpSettings): Promise<void> {
    this.db.data.smtp = mapSmtpSecrets(smtp, (v) => this.box.seal(v));
    await this.db.write();
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

  users(): User[] {
    return this.db.data.users;
  }

  async removeUser(id: string): Promise<void> {
    this.db.data.users = this.db.data.users.filter((u) => u.id !== id);
    await this.db.write();
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    const user = this.findUserById(id);
    if (!user) return;
    user.passwordHash = passwordHash;
    await this.db.write();
  }

  // Formats of the format editor

  formats(): FormatDefinition[] {
    return this.db.data.formats ?? [];
  }

  async saveFormat(format: FormatDefinition): Promise<void> {
    const formats = this.formats().filter((f) => f.id !== format.id);
    this.db.data.formats = [...formats, format];
    await this.db.write();
  }

  async deleteFormat(id: string): Promise<void> {
    this.db.data.formats = this.formats().filter((f) => f.id !== id);
    await this.db.write();
  }

  // Profiles

  private readonly profileListeners: (() => void)[] = [];

  /** Called after a profile is saved or deleted (the drop-folder watchers follow them). */
  onProfilesChanged(listener: () => void): void {
    this.profileListeners.push(listener);
  }

  private profilesChanged(): void {
    for (const listener of this.profileListeners) listener();
  }

  /** Runs keep the profile's id and name, so the history stays readable after a delete. */
  async deleteProfile(id: string): Promise<void> {
    this.db.data.profiles = this.db.data.profiles.filter((p) => p.id !== id);
    if (this.db.data.defaultProfileId === id) this.db.data.defaultProfileId = this.db.data.profiles[0]?.id;
    await this.db.write();
    this.profilesChanged();
  }

  /** Decrypted copies: what is kept in memory (and written) stays sealed. */
  profiles(): Profile[] {
    return this.db.data.profiles.map((p) => this.openProfile(p));
  }

  profile(id: string): Profile | undefined {
    const stored = this.db.data.profiles.find((p) => p.id === id);
    return stored ? this.openProfile(stored) : undefined;
  }

  defaultProfile(): Profile | undefined {
    const id = this.db.data.defaultProfileId;
    const first = this.db.data.profiles[0];
    return (id ? this.profile(id) : undefined) ?? (first ? this.openProfile(first) : undefined);
  }

  async saveProfile(profile: Profile, options: { makeDefault?: boolean } = {}): Promise<void> {
    const sealed = this.sealProfile(profile);
    const index = this.db.data.profiles.findIndex((p) => p.id === profile.id);
    if (index === -1) this.db.data.profiles.push(sealed);
    else this.db.data.profiles[index] = sealed;
    if (options.makeDefault || !this.db.data.defaultProfileId) this.db.data.defaultProfileId = profile.id;
    await this.db.write();
    this.profilesChanged();
  }
}
