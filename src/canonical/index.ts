// Canonical JSON, checksums and Python-compatible JSON reading.
export {CanonicalJsonError, canonicalJson, checksum} from './canonical.js';
export {JsonSyntaxError, MAX_JSON_DEPTH, numberFromLiteral, parseJson, parseJsonPrefix} from './json.js';
