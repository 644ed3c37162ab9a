import { describe, expect, it } from 'vitest';
import type { HttpError } from '../domain/errors.js';
import { assertReachableCallbacks } from './callback-url-guard.js';

function refusal(triggerUrl: string): HttpError | undefined {
  try {
    assertReachableCallbacks({ triggerUrl, allowLocalCallbacks: false });
    return undefined;
  } catch (error) {
    return error as HttpError;
  }
}

describe('assertReachableCallbacks', () => {
  it('refuses a localhost or private TRIGGER_URL, saying what to set', () => {
    for (const url of [
      'http://localhost:5001',
      'http://127.0.0.1:5001',
      'http://10.1.2.3',
      'http://192.168.1.9:80',
    ]) {
      const error = refusal(url);
      expect(error?.status).toBe(400);
      expect(error?.code).toBe('callback_url_unreachable');
      expect(error?.message).toContain(`TRIGGER_URL is ${url}`);
      expect(error?.message).toContain('TRIPLINE_ALLOW_LOCAL_CALLBACKS=1');
    }
  });

  it('lets a public URL through, and a local one when the operator allows it', () => {
    expect(refusal('https://triggers.example.com')).toBeUndefined();
    expect(() =>
      assertReachableCallbacks({ triggerUrl: 'http://127.0.0.1:5001', allowLocalCallbacks: true }),
    ).not.toThrow();
  });
});
