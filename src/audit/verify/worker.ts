// A worker thread of parallel verification (parallel.ts): examines the
// lines of each batch it is sent and sends back their facts, in order.

import {parentPort, workerData} from 'node:worker_threads';
import {examineBatch, hmacSignatureCheck, LineExaminer} from './line.js';
import type {BatchReply, BatchRequest, VerifyWorkerData} from './types.js';

const {signingKey, allowUnsigned, maxLineBytes} = workerData as VerifyWorkerData;
const examiner = new LineExaminer({signatureCheck: signingKey === null ? null : hmacSignatureCheck(signingKey), allowUnsigned});

parentPort!.on('message', ({id, batch}: BatchRequest) => {
  const reply: BatchReply = {id, facts: examineBatch(batch, examiner, maxLineBytes), buffer: batch.bytes.buffer};
  parentPort!.postMessage(reply, [batch.bytes.buffer as ArrayBuffer]);
});
