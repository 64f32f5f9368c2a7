// A small support service whose model calls are governed by aigc: every
// request goes through `governed()` (the policy is checked before the model is
// called and its answer after), and every decision lands in a signed,
// hash-chained audit trail. The model is a fake, so the example runs anywhere.
//
//   AIGC_AUDIT_KEY=s3cret AUDIT_TRAIL=audit.jsonl npx tsx examples/governed-service/service.ts
//   curl -s 127.0.0.1:PORT/answer -d '{"question":"Where is my order?","customer_verified":true,"ticket_id":"TCK-000123"}'
//   AIGC_AUDIT_KEY=s3cret aigc chain verify audit.jsonl --key-env AIGC_AUDIT_KEY

import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Aigc, AigcError, type AuditSink, governed, HmacSigner, JsonFileAuditSink, type PyDict, signArtifact} from 'aigc';

const key = process.env.AIGC_AUDIT_KEY;
if (!key) {
  process.stderr.write('governed-service: set AIGC_AUDIT_KEY to the key that signs the audit trail\n');
  process.exit(2);
}
const trail = new JsonFileAuditSink(process.env.AUDIT_TRAIL ?? 'audit-trail.jsonl', {chain: true});
const signer = new HmacSigner(key);

// The engine signs what it decides with its signer; like the reference, it
// leaves refusals before the model call and model errors unsigned. This
// service signs those too, so every line of its trail is signed.
const signedTrail: AuditSink = {
  emit(artifact) {
    if (artifact.signature === null || artifact.signature === undefined) signArtifact(artifact, signer);
    trail.emit(artifact);
  },
};

const aigc = new Aigc({
  cwd: dirname(fileURLToPath(import.meta.url)), // where policy.yaml is
  signer,
  sink: signedTrail,
  onSinkFailure: 'raise', // no answer leaves the service without its audit record
});

/** The fake model: a real service would call its provider here. */
async function fakeModel(input: PyDict): Promise<PyDict> {
  const question = String(input.question ?? '');
  if (question.includes('crash')) throw new Error('model provider unavailable');
  if (question.includes('ramble')) return {answer: question, confidence: 0.4, small_talk: 'lovely weather'};
  return {answer: `Ticket noted. About "${question}": it ships today.`, confidence: 0.9};
}

const answer = governed(fakeModel, {
  policyFile: 'policy.yaml',
  role: 'support_bot',
  modelProvider: 'fake',
  modelIdentifier: 'fake-support-1',
  aigc,
});

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/answer') return reply(response, 404, {error: 'POST /answer'});
  const body = parseObject(await readBody(request));
  if (!body) return reply(response, 400, {error: 'the body must be a JSON object'});
  const context = {customer_verified: body.customer_verified ?? false, ticket_id: body.ticket_id ?? null};
  try {
    const output = await answer({question: body.question ?? ''}, context);
    reply(response, 200, output);
  } catch (error) {
    // A governance FAIL is a refusal, with the gate that refused; anything else is the model's failure.
    if (error instanceof AigcError) return reply(response, 403, {error: error.code, gate: error.auditArtifact?.failure_gate});
    reply(response, 502, {error: 'the model call failed'});
  }
}

function parseObject(text: string): PyDict | null {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify(body));
}

const server = createServer((request, response) => void handle(request, response));
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => server.close());
