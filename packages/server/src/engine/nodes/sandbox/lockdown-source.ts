/**
 * QuickJS source of a function that seals a scope kept for many calls, then returns the driver that
 * calls its entry. Once it ran, no call can leave state for the next through anything reachable
 * from the global scope:
 * - every reachable object (intrinsics and the setup scripts' own) is frozen, prototypes included;
 * - writable data properties of prototypes (an error's `name`, `constructor`, `toString`...) turn
 *   into accessors whose setter defines an own property on the instance, so code that assigns
 *   them on new objects keeps working (the "override mistake" of frozen prototypes);
 * - collections and buffers, whose contents freezing does not protect, make the seal fail;
 * - `FinalizationRegistry` goes: its callbacks would run during a later call.
 * What the setup scripts hide in closures is theirs to keep free of state.
 */
export const LOCKDOWN_SOURCE = `(function (entryName) {
  'use strict';
  var freeze = Object.freeze, ownKeys = Reflect.ownKeys, describe = Object.getOwnPropertyDescriptor;
  var define = Object.defineProperty, protoOf = Object.getPrototypeOf, parse = JSON.parse;
  var stringify = JSON.stringify, resolved = Promise.resolve.bind(Promise);
  var methodNames = ['constructor', 'toString', 'valueOf', 'toJSON', 'toLocaleString'];
  var stateful = [
    [Map.prototype.has, 'a Map'], [Set.prototype.has, 'a Set'], [WeakMap.prototype.has, 'a WeakMap'],
    [WeakSet.prototype.has, 'a WeakSet'], [Date.prototype.getTime, 'a Date'],
  ];
  var entry = globalThis[entryName];
  if (typeof entry !== 'function') throw new TypeError(entryName + ' is not defined as a function');
  delete globalThis.FinalizationRegistry;

  var tagOf = Function.prototype.call.bind(Object.prototype.toString);
  var collectionTags = ['[object Map]', '[object Set]', '[object WeakMap]', '[object WeakSet]', '[object Date]'];
  // Brand checks throw on anything else, so only objects whose tag claims a collection get one.
  function holdsState(value, prototypes) {
    if (typeof value !== 'object' || prototypes.has(value)) return undefined;
    if (ArrayBuffer.isView(value) || tagOf(value) === '[object ArrayBuffer]') return 'a buffer';
    if (collectionTags.indexOf(tagOf(value)) < 0) return undefined;
    for (var i = 0; i < stateful.length; i++) {
      try { stateful[i][0].call(value); return stateful[i][1]; } catch (notIt) {}
    }
    return undefined;
  }
  var accessors = [];
  function tame(proto, key, descriptor) {
    var value = descriptor.value;
    var get = function () { return value; };
    var set = function (next) {
      if (this === proto) throw new TypeError("'" + String(key) + "' is read-only");
      define(this, key, { value: next, writable: true, enumerable: true, configurable: true });
    };
    accessors.push(get, set);
    define(proto, key, { configurable: false, enumerable: descriptor.enumerable, get: get, set: set });
  }

  var seen = new Set(), prototypes = new Set(), stack = [globalThis];
  while (stack.length > 0) {
    var value = stack.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null || seen.has(value)) continue;
    seen.add(value);
    var proto = protoOf(value);
    if (proto !== null) { prototypes.add(proto); stack.push(proto); }
    var keys = ownKeys(value);
    for (var i = 0; i < keys.length; i++) {
      var found = describe(value, keys[i]);
      if (found === undefined) continue;
      if ('value' in found) stack.push(found.value); else stack.push(found.get, found.set);
      if (typeof value === 'function' && keys[i] === 'prototype' && typeof found.value === 'object') prototypes.add(found.value);
    }
  }
  seen.forEach(function (value) {
    var kind = holdsState(value, prototypes);
    if (kind !== undefined) throw new TypeError('the shared scope holds ' + kind + ', whose contents cannot be frozen');
  });
  prototypes.forEach(function (proto) {
    if (proto === null || typeof proto !== 'object') return;
    var keys = ownKeys(proto);
    for (var i = 0; i < keys.length; i++) {
      var found = describe(proto, keys[i]);
      if (found === undefined || !('value' in found) || !found.writable || !found.configurable) continue;
      if (typeof found.value !== 'function' || methodNames.indexOf(keys[i]) >= 0) tame(proto, keys[i], found);
    }
  });
  seen.forEach(function (value) { freeze(value); });
  // The accessors made above are new functions: seal them too.
  accessors.forEach(function (accessor) { freeze(accessor.prototype); freeze(accessor); });

  return function (inputJson) {
    return resolved().then(function () {
      return entry(parse(inputJson));
    }).then(function (result) {
      var text = stringify(result);
      return text === undefined ? 'null' : text;
    });
  };
})`;
