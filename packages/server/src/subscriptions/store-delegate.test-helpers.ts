import type { Store, SubscriptionRepository } from '../store/store.js';

/** `target` with some members replaced; the others answer from it, bound to it. */
export function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** The store with some subscription-repository methods replaced, as another process would race it. */
export function withSubscriptions(store: Store, overrides: Partial<SubscriptionRepository>): Store {
  return delegate(store, { subscriptions: delegate(store.subscriptions, overrides) });
}
