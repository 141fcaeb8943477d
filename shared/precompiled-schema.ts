/**
 * @module A faster path through a valibot schema, with valibot's semantics (issue 11: parsing the viewers' sample
 * batches was a tenth of the server's busy time). `precompiled(schema)` walks the schema once and generates one
 * straight-line JavaScript function per object and array in it (no call per field, property reads the engine can
 * cache) for the part of valibot it knows: object, array, optional, nullish, number, string, boolean, picklist, and
 * the integer / min-max value / min-max length checks in pipes. A value the function accepts gets the output valibot
 * would give (a new object of the schema's keys in the schema's order, unknown keys left out); a value it refuses
 * goes to valibot itself, so every issue, message and path is valibot's own. A schema using anything else, or a
 * runtime that forbids generated code (a page's CSP), gets the schema back as it is.
 * tests/unit/shared/precompiled-schema.test.ts holds the two to the same answers on generated payloads.
 */
import * as v from 'valibot';

const FAIL: unique symbol = Symbol('invalid');

/** The fields of valibot's schema and action objects the generator reads. */
type Node = {
  kind: string;
  type: string;
  async?: boolean;
  pipe?: readonly Node[];
  entries?: Record<string, Node>;
  item?: Node;
  wrapped?: Node;
  options?: readonly unknown[];
  requirement?: unknown;
  default?: unknown;
  fallback?: unknown;
};

class Unsupported extends Error {}

/** Generated source: helper functions, and the constants they read as `K[i]`. */
type Program = { functions: string[]; constants: unknown[] };

/** A literal for a number or string the generated code compares with (String() round-trips a double; −0 is 0 here). */
function literal(p: Program, x: unknown): string {
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  p.constants.push(x);
  return `K[${p.constants.length - 1}]`;
}

/** Code that checks one pipe action on `x` (already typed by the schema before it). */
function action(p: Program, a: Node, x: string): string {
  if (a.kind === 'metadata') return '';
  if (a.kind !== 'validation') throw new Unsupported(a.type);
  const req = a.requirement;
  switch (a.type) {
    case 'integer':
      if (req === Number.isInteger) return `if (!Number.isInteger(${x})) return F;`;
      if (typeof req !== 'function') throw new Unsupported(a.type);
      return `if (!${literal(p, req)}(${x})) return F;`;
    case 'min_value':
      return `if (!(${x} >= ${literal(p, req)})) return F;`;
    case 'max_value':
      return `if (!(${x} <= ${literal(p, req)})) return F;`;
    case 'min_length':
      return `if (${x}.length < ${literal(p, req)}) return F;`;
    case 'max_length':
      return `if (${x}.length > ${literal(p, req)}) return F;`;
    default:
      throw new Unsupported(a.type);
  }
}

/** Code that checks `x` against `s` and leaves valibot's output for it in `x` (or returns F). */
function check(p: Program, s: Node, x: string): string {
  if (s.kind !== 'schema' || s.async || s.fallback !== undefined) throw new Unsupported(s.type);
  // A pipe's first item is its schema (perhaps a pipe itself); the rest check that schema's output.
  if (s.pipe) {
    const [first, ...actions] = s.pipe;
    return check(p, first as Node, x) + actions.map((a) => action(p, a, x)).join('');
  }
  switch (s.type) {
    case 'number':
      return `if (typeof ${x} !== 'number' || ${x} !== ${x}) return F;`;
    case 'string':
    case 'boolean':
      return `if (typeof ${x} !== '${s.type}') return F;`;
    case 'picklist': {
      // `includes` is SameValueZero: `===` differs from it for NaN only, which is no option here.
      const options = (s.options ?? []).map((o) => {
        if (typeof o !== 'string' && (typeof o !== 'number' || Number.isNaN(o))) throw new Unsupported('picklist');
        return `${x} === ${literal(p, o)}`;
      });
      return `if (!(${options.join(' || ') || 'false'})) return F;`;
    }
    case 'optional':
    case 'nullish': {
      if (!s.wrapped || s.default !== undefined) throw new Unsupported(s.type);
      const absent = s.type === 'optional' ? `${x} !== undefined` : `${x} !== undefined && ${x} !== null`;
      return `if (${absent}) { ${check(p, s.wrapped, x)} }`;
    }
    case 'object':
      return `${x} = ${objectFunction(p, s.entries ?? {})}(${x}); if (${x} === F) return F;`;
    case 'array':
      if (!s.item) throw new Unsupported('array');
      return `${x} = ${arrayFunction(p, s.item)}(${x}); if (${x} === F) return F;`;
    default:
      throw new Unsupported(s.type);
  }
}

function objectFunction(p: Program, entries: Record<string, Node>): string {
  const name = `f${p.functions.length}`;
  p.functions.push(''); // the slot is taken before nested functions are generated
  const body = Object.entries(entries).map(([key, entry]) => {
    if (key === '__proto__' || entry.default !== undefined || entry.type === 'exact_optional')
      throw new Unsupported(key);
    const k = JSON.stringify(key);
    const missing = entry.type === 'optional' || entry.type === 'nullish' ? '' : ' else return F;';
    // `in`, as valibot's object schema reads keys (inherited ones included).
    return `if (${k} in x) { let v = x[${k}]; ${check(p, entry, 'v')} out[${k}] = v; }${missing}`;
  });
  p.functions[Number(name.slice(1))] =
    `function ${name}(x) { if (!x || typeof x !== 'object') return F; const out = {}; ${body.join('\n')} return out; }`;
  return name;
}

function arrayFunction(p: Program, item: Node): string {
  const name = `f${p.functions.length}`;
  p.functions.push('');
  const body = check(p, item, 'v');
  p.functions[Number(name.slice(1))] =
    `function ${name}(x) { if (!Array.isArray(x)) return F; const out = []; for (let i = 0; i < x.length; i++) { let v = x[i]; ${body} out.push(v); } return out; }`;
  return name;
}

/** The generated function: valibot's output for `input`, or FAIL; null when the schema cannot be compiled here. */
function generate(schema: v.GenericSchema): ((input: unknown) => unknown) | null {
  const program: Program = { functions: [], constants: [] };
  try {
    const root = check(program, schema as unknown as Node, 'x');
    const source = `${program.functions.join('\n')}\nreturn function check(x) { ${root} return x; };`;
    return new Function('F', 'K', source)(FAIL, program.constants) as (input: unknown) => unknown;
  } catch (error) {
    if (error instanceof Unsupported || error instanceof EvalError) return null;
    throw error;
  }
}

/**
 * The generated check alone: `{ value }` (valibot's output) when it accepts `input`, undefined when it refuses;
 * null when the schema cannot be compiled here. Tests hold its acceptance to valibot's in both directions.
 */
export function compiledCheck(schema: v.GenericSchema): ((input: unknown) => { value: unknown } | undefined) | null {
  const fn = generate(schema);
  if (!fn) return null;
  return (input) => {
    const value = fn(input);
    return value === FAIL ? undefined : { value };
  };
}

/** `schema` with the generated check in front: same type, same output, same issues (or `schema` itself). */
export function precompiled<S extends v.GenericSchema>(schema: S): S {
  const fast = generate(schema);
  if (!fast) return schema;
  const slow = schema['~run'].bind(schema);
  const out: S = {
    ...schema,
    '~run'(dataset, config) {
      const value = fast(dataset.value);
      if (value === FAIL) return slow(dataset, config);
      const typed = dataset as { typed: boolean; value: unknown };
      typed.typed = true;
      typed.value = value;
      return typed as ReturnType<S['~run']>;
    },
    '~standard': { ...schema['~standard'], validate: (value: unknown) => out['~run']({ value }, v.getGlobalConfig()) },
  };
  return out;
}
