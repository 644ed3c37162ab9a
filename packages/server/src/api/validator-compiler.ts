import AjvCompiler from '@fastify/ajv-compiler';

type ValidatorFactory = AjvCompiler.ValidatorFactory;

/**
 * Schema validation that coerces where HTTP gives only strings (path, query, headers: `?limit=20`
 * is the integer 20) but takes JSON bodies as sent, so `{"name": 5}` is "body/name must be string"
 * rather than the name "5". Fields a schema doesn't declare are refused, not silently dropped.
 */
export function validatorFactory(): ValidatorFactory {
  const pool = AjvCompiler();
  return (externalSchemas) => {
    const fromText = pool(externalSchemas, {
      customOptions: { removeAdditional: false, allowUnionTypes: true },
    });
    const fromJson = pool(externalSchemas, {
      customOptions: { removeAdditional: false, coerceTypes: false, allowUnionTypes: true },
    });
    return (route) => (route.httpPart === 'body' ? fromJson(route) : fromText(route));
  };
}
