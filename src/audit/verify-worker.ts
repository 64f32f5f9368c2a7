// A worker thread of parallel verification (verify-parallel.ts): examines the
// lines of each batch it is sent and sends back their facts, in order.

import {parentPort, workerData} from 'node:worker_threads';
import type {BatchReply, BatchRequest, VerifyWorkerData} from './verify-parallel.js';
import {examineBatch, hmacSignatureCheck, LineExaminer} from './verify-line.js';

const {signingKey, allowUnsigned, maxLineBytes} = workerData as VerifyWorkerData;
const examiner = new LineExaminer({signatureCheck: signingKey === null ? null : hmacSignatureCheck(signingKey), allowUnsigned});

parentPort!.on('message', ({id, batch}: BatchRequest) => {
  const reply: BatchReply = {id, facts: examineBatch(batch, examiner, maxLineBytes), buffer: batch.bytes.buffer};
  parentPort!.postMessage(reply, [batch.bytes.buffer as ArrayBuffer]);
});
