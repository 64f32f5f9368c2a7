// A worker thread of parallel verification (parallel.ts): examines the
// lines of each batch it is sent and sends back their facts, in order.

import {workerData} from 'node:worker_threads';
import {serveBatches} from '../../io/batch-workers.js';
import {examineBatch, hmacSignatureCheck, LineExaminer} from './line.js';
import type {VerifyWorkerData} from './types.js';

const {signingKey, allowUnsigned, maxLineBytes} = workerData as VerifyWorkerData;
const examiner = new LineExaminer({signatureCheck: signingKey === null ? null : hmacSignatureCheck(signingKey), allowUnsigned});

serveBatches((batch) => examineBatch(batch, examiner, maxLineBytes));
