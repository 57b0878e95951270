import { describe, expect, it } from 'vitest';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import { parseProfile } from '../domain/profile-schema.js';
import { exportFileName, exportWithoutSecrets, generatedName, wizardProfile } from './profile-actions.js';

describe('profile actions', () => {
  it('names a new profile after its source and makes a valid profile', () => {
    expect(generatedName('prestashop')).toBe('PRESTASHOP <> TEXTE');
    const profile = wizardProfile({
      name: '',
      entriesFormat: 'ebp',
      source: { type: 'prestashop', url: 'https://shop.example', key: 'K' },
      orders: true,
      creditNotes: false,
      outbox: '/data/outbox',
    });
    expect(profile.name).toBe('PRESTASHOP <> TEXTE');
    expect(parseProfile(profile, profile).ok).toBe(true);
  });

  it('exports without any secret', () => {
    const profile = {
      ...defaultDropFolderProfile('p', 'in', 'out'),
      name: 'Boutique éte',
      source: {
        type: 'woocommerce' as const,
        url: 'https://w.example',
        consumerKey: 'ck',
        consumerSecret: 'cs',
      },
      delivery: {
        destinations: [
          { kind: 'ftp' as const, host: 'h', port: 21, user: 'u', password: 'pw', folder: '', tls: true },
        ],
      },
    };
    const json = exportWithoutSecrets(profile);
    expect(json).not.toMatch(/"(ck|cs|pw)"/);
    expect(parseProfile(JSON.parse(json)).ok).toBe(true);
    expect(exportFileName(profile)).toBe('Boutique-ete.json');
  });
});
