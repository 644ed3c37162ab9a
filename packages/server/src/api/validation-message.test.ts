import { describe, expect, it } from 'vitest';
import { validationMessage } from './validation-message.js';

describe('validationMessage', () => {
  it('names the field and the expected type', () => {
    const message = validationMessage('body', [
      {
        keyword: 'type',
        instancePath: '/name',
        schemaPath: '#/properties/name/type',
        params: { type: 'string' },
      },
    ]);
    expect(message).toBe('body/name must be string');
  });

  it('names a missing field under its parent', () => {
    const message = validationMessage('body', [
      {
        keyword: 'required',
        instancePath: '/parameters',
        schemaPath: '#/required',
        params: { missingProperty: 'repo' },
      },
    ]);
    expect(message).toBe('body/parameters/repo is required');
  });

  it('lists the allowed values of an enum', () => {
    const message = validationMessage('querystring', [
      {
        keyword: 'enum',
        instancePath: '/outcome',
        schemaPath: '#/properties/outcome/enum',
        params: { allowedValues: ['accepted', 'duplicate'] },
      },
    ]);
    expect(message).toBe('querystring/outcome must be one of: accepted, duplicate');
  });

  it('names a field that is not allowed', () => {
    const message = validationMessage('body', [
      {
        keyword: 'additionalProperties',
        instancePath: '',
        schemaPath: '#/additionalProperties',
        params: { additionalProperty: 'nmae' },
      },
    ]);
    expect(message).toBe('body/nmae is not an allowed field');
  });

  it('falls back to the validator message for other keywords', () => {
    const message = validationMessage('params', [
      {
        keyword: 'pattern',
        instancePath: '/id',
        schemaPath: '#/pattern',
        params: {},
        message: 'must match pattern "^x"',
      },
    ]);
    expect(message).toBe('params/id must match pattern "^x"');
  });
});
