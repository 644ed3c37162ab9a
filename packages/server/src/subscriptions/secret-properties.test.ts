import { randomBytes } from 'node:crypto';
import { MASKED_SECRET, type ParameterDefinition } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import { applyPatch, SecretProperties, secretsChanged } from './secret-properties.js';

const definitions: ParameterDefinition[] = [
  { name: 'webhook_secret', label: 'Secret', type: 'secret' },
  { name: 'note', label: 'Note', type: 'string' },
];
const secrets = new SecretProperties(new SecretBox(randomBytes(32)));

describe('SecretProperties', () => {
  it('seal encrypts secret values only, and open restores them', () => {
    const sealed = secrets.seal(definitions, { webhook_secret: 's3cret', note: 'hello' });
    expect(SecretBox.isSealed(sealed.webhook_secret)).toBe(true);
    expect(sealed.note).toBe('hello');
    expect(secrets.open(sealed)).toEqual({ webhook_secret: 's3cret', note: 'hello' });
  });

  it('seal leaves a value sealed already as it is', () => {
    const once = secrets.seal(definitions, { webhook_secret: 's3cret' });
    expect(secrets.seal(definitions, once)).toEqual(once);
  });

  it('mask hides secrets except the revealed ones', () => {
    const sealed = secrets.seal(definitions, { webhook_secret: 's3cret', note: 'hello' });
    expect(secrets.mask(definitions, sealed)).toEqual({ webhook_secret: MASKED_SECRET, note: 'hello' });
    expect(secrets.mask(definitions, sealed, new Set(['webhook_secret']))).toEqual({
      webhook_secret: 's3cret',
      note: 'hello',
    });
  });

  it('mask hides a sealed value even when no definition calls it secret', () => {
    const sealed = secrets.seal(definitions, { webhook_secret: 's3cret' });
    expect(secrets.mask([], { old: sealed.webhook_secret })).toEqual({ old: MASKED_SECRET });
  });

  it('credentials are sealed as one string and opened back', () => {
    const sealed = secrets.sealCredentials({ access_token: 'ghp_x', user: 'me' });
    expect(SecretBox.isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('ghp_x');
    expect(secrets.openCredentials(sealed)).toEqual({ access_token: 'ghp_x', user: 'me' });
    expect(secrets.sealCredentials({})).toBeNull();
    expect(secrets.openCredentials(null)).toEqual({});
  });
});

describe('applyPatch', () => {
  const current = { webhook_secret: 'old', note: 'n' };

  it('keeps a secret sent back masked or left out', () => {
    expect(applyPatch(definitions, current, { webhook_secret: MASKED_SECRET }).values).toEqual(current);
    expect(applyPatch(definitions, current, { note: 'm' }).values).toEqual({
      webhook_secret: 'old',
      note: 'm',
    });
  });

  it('replaces a secret given a new value and reports it changed', () => {
    const result = applyPatch(definitions, current, { webhook_secret: 'new' });
    expect(result.values.webhook_secret).toBe('new');
    expect([...result.changedSecrets]).toEqual(['webhook_secret']);
  });

  it('clears a field sent as null, and a secret sent empty', () => {
    expect(applyPatch(definitions, current, { note: null }).values).toEqual({ webhook_secret: 'old' });
    expect(applyPatch(definitions, current, { webhook_secret: '' }).values).toEqual({ note: 'n' });
  });
});

describe('secretsChanged', () => {
  it('names secrets that got a value they did not have', () => {
    expect([...secretsChanged(definitions, {}, { webhook_secret: 'x', note: 'y' })]).toEqual([
      'webhook_secret',
    ]);
    expect([...secretsChanged(definitions, { webhook_secret: 'x' }, { webhook_secret: 'x' })]).toEqual([]);
  });
});
