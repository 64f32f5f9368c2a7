// A worker thread of a compliance report (compliance-trails.ts): classifies
// the lines of each batch it is sent and sends back their facts, in order.

import {workerData} from 'node:worker_threads';
import {serveBatches} from '../io/batch-workers.js';
import {ArtifactClassifier, classifyBatch} from './artifact-facts.js';
import type {ComplianceWorkerData} from './compliance-trails.js';

const {lineage, maxLineBytes} = workerData as ComplianceWorkerData;
const classifier = new ArtifactClassifier({lineage});

serveBatches((batch) => classifyBatch(batch, classifier, maxLineBytes));
