// A worker thread of a command run from the bundle (src/cli/start/bundle-workers.ts):
// the bundle loaded with the code cache of the command that started it, then
// the worker it names served.
import {workerData} from 'node:worker_threads';
import {loadBundle} from './bundle-loader.js';

const {exports} = loadBundle(workerData.argv);
await exports.serveWorker(workerData, (url) => import(url));
