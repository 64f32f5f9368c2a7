// The public library API of aigc: everything a Node program needs to load
// policies, enforce invocations and work with audit artifacts.
export {CanonicalJsonError, canonicalJson, checksum, JsonSyntaxError, parseJson} from './canonical/index.js';
export * from './errors.js';
export {PyDate, PyDateTime, PyFloat, type PyDict, type PyList, type PyValue} from './python/values.js';
