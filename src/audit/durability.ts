// The durability choices of a chain writer (`--durability`), apart from the
// writer so a command's spec can list them without loading it.

/**
 * When a committed artifact is on disk (what a power failure can lose):
 * - `batch`: one fdatasync per batch, before the batch is reported (nothing reported is lost);
 * - `each`: batches of one, each synced before it is reported (nothing reported is lost, and
 *   at most one decided artifact that was not yet reported);
 * - `none`: no sync (the system writes the file back when it likes: artifacts already reported
 *   can be lost, and the trail can end in a torn line). For tests and throwaway trails.
 */
export type Durability = 'batch' | 'each' | 'none';

export const DURABILITY_CHOICES: readonly Durability[] = ['batch', 'each', 'none'];
