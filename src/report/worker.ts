// A worker thread of a compliance report (compliance-trails.ts): classifies
// the lines of each batch it is sent and sends back their facts, in order.

import {workerData} from 'node:worker_threads';
import {type ComplianceWorkerData, serveComplianceBatches} from './compliance-trails.js';

serveComplianceBatches(workerData as ComplianceWorkerData);
