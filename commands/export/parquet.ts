import {oclifCommand} from '../../src/cli/oclif-command.js';
import {EXPORT_PARQUET} from '../../src/cli/specs/export-parquet.js';

export default oclifCommand(EXPORT_PARQUET);
