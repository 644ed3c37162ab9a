import { describe, expect, it } from 'vitest';
import { endpointIdFromUrl, isIngressPath } from './ingress-path.js';

describe('ingress paths', () => {
  it('isIngressPath tells ingress URLs from the rest', () => {
    expect(isIngressPath('/triggers/plugin/abc')).toBe(true);
    expect(isIngressPath('/triggers/plugin/')).toBe(true);
    expect(isIngressPath('/triggers/webhook/abc')).toBe(false);
    expect(isIngressPath('/api/v1/triggers/plugin/abc')).toBe(false);
    expect(isIngressPath(undefined)).toBe(false);
  });

  it('endpointIdFromUrl takes the id, ignoring a query and one trailing slash', () => {
    const id = '0190d7e4-5e1b-7c3a-8000-1234567890ab';
    expect(endpointIdFromUrl(`/triggers/plugin/${id}`)).toBe(id);
    expect(endpointIdFromUrl(`/triggers/plugin/${id}?a=1`)).toBe(id);
    expect(endpointIdFromUrl(`/triggers/plugin/${id}/`)).toBe(id);
  });

  it('endpointIdFromUrl refuses empty, nested, escaped and overlong ids', () => {
    for (const url of [
      '/triggers/plugin/',
      '/triggers/plugin/?a=1',
      '/triggers/plugin/a/b',
      '/triggers/plugin/..%2Fetc',
      '/triggers/plugin/a.b',
      `/triggers/plugin/${'a'.repeat(65)}`,
    ]) {
      expect(endpointIdFromUrl(url), url).toBeUndefined();
    }
  });
});
