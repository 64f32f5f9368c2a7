// The tile store beside a trail: the c2sp.org/tlog-tiles layout, the same
// tiles whether built at once or extended bit by bit, and rebuilt whenever it
// no longer fits the trail.
import {appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {leafHash, MemoryTree, merkleRoot, treeRoot} from '../../../src/audit/tlog/merkle.js';
import {DamagedTilesError, syncTrailTiles, TileStore, tilePath, tileStorePath} from '../../../src/audit/tlog/tiles.js';

const folder = mkdtempSync(join(tmpdir(), 'aigc-tiles-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));
let trails = 0;

const artifact = (n: number) => `{"n": ${n}, "note": "artifact ${n}"}`;

function trailOf(count: number): string {
  const file = join(folder, `trail-${trails++}.jsonl`);
  writeFileSync(file, Array.from({length: count}, (_, n) => `${artifact(n)}\n`).join(''));
  return file;
}

/** Every file of a folder, by path, with its bytes. */
function contents(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of readdirSync(at, {withFileTypes: true})) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path).toString('hex'));
    }
  };
  walk(dir);
  return files;
}

describe('tile paths', () => {
  it('encode the index in 3-digit elements, all but the last prefixed x, and a partial tile’s width', () => {
    expect(tilePath(0, 0)).toBe('tile/0/000');
    expect(tilePath(1, 1234067)).toBe('tile/1/x001/x234/067');
    expect(tilePath(2, 1000, 17)).toBe('tile/2/x001/000.p/17');
    expect(tilePath(0, 999, 255)).toBe('tile/0/999.p/255');
  });
});

describe('a tile store', () => {
  it('of 70,000 leaves has the tiles of the tlog-tiles example', async () => {
    const trail = trailOf(70_000);
    const {store, size} = await syncTrailTiles(trail);
    expect(size).toBe(70_000);
    const files = [...contents(store.dir).keys()].filter((path) => path.startsWith('tile/'));
    const at = (level: number) => files.filter((path) => path.startsWith(`tile/${level}/`));
    expect(at(0).filter((path) => !path.includes('.p/'))).toHaveLength(273);
    expect(at(0).filter((path) => path.includes('.p/'))).toEqual(['tile/0/273.p/112']);
    expect(at(1).sort()).toEqual(['tile/1/000', 'tile/1/001.p/17']);
    expect(at(2)).toEqual(['tile/2/000.p/1']);
    expect(statSync(join(store.dir, 'tile/0/000')).size).toBe(8192);
    expect(statSync(join(store.dir, 'tile/0/273.p/112')).size).toBe(112 * 32);
  });

  it('holds leaf hashes at level 0 and full-tile roots above, as RFC 6962 computes them', async () => {
    const count = 256 * 3 + 77;
    const trail = trailOf(count);
    const {store} = await syncTrailTiles(trail);
    const tree = new MemoryTree(Array.from({length: count}, (_, n) => artifact(n)));
    expect(store.tile(0, 1, 256).subarray(0, 32)).toEqual(leafHash(artifact(256)));
    expect(store.tile(1, 0, 3).subarray(32, 64)).toEqual(tree.node(8, 1));
    for (const [level, index] of [
      [0, 800],
      [3, 17],
      [7, 5],
      [8, 2],
      [9, 0],
    ]) {
      expect(store.node(level, index)).toEqual(tree.node(level, index));
    }
    for (const size of [1, 255, 256, 257, 512, count]) expect(store.root(size)).toEqual(treeRoot(tree, size));
  });

  it('extended bit by bit is byte for byte the store built at once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({min: 0, max: 300}), {minLength: 1, maxLength: 6}), async (batches) => {
        const trail = trailOf(0);
        let total = 0;
        for (const batch of batches) {
          appendFileSync(trail, Array.from({length: batch}, (_, i) => `${artifact(total + i)}\n`).join(''));
          total += batch;
          const sync = await syncTrailTiles(trail);
          expect(sync.size).toBe(total);
        }
        const extended = contents(tileStorePath(trail));
        const rebuilt = await syncTrailTiles(trail, {rebuild: true});
        expect(rebuilt.rebuilt).toBe(true);
        expect(contents(tileStorePath(trail))).toEqual(extended);
        expect(rebuilt.root).toEqual(merkleRoot(Array.from({length: total}, (_, n) => artifact(n))));
      }),
      {numRuns: 15},
    );
  });

  it('is extended, not rebuilt, when the trail only grew', async () => {
    const trail = trailOf(300);
    expect((await syncTrailTiles(trail)).rebuilt).toBe(true);
    appendFileSync(trail, `${artifact(300)}\n\n`);
    const grown = await syncTrailTiles(trail);
    expect(grown).toMatchObject({rebuilt: false, added: 1, size: 301});
    expect(await syncTrailTiles(trail)).toMatchObject({rebuilt: false, added: 0, size: 301});
  });

  it('leaves an unfinished last line out until its newline is written', async () => {
    const trail = trailOf(10);
    appendFileSync(trail, '{"n": 10, "still');
    expect(await syncTrailTiles(trail)).toMatchObject({size: 10, unfinishedBytes: 16});
    appendFileSync(trail, ' writing"}\n');
    const done = await syncTrailTiles(trail);
    expect(done).toMatchObject({size: 11, rebuilt: false});
    expect(done.store.node(0, 10)).toEqual(leafHash('{"n": 10, "still writing"}'));
  });

  const staleCases: [string, (trail: string) => void, RegExp][] = [
    ['the trail was cut short', (trail) => truncateSync(trail, statSync(trail).size - 10), /shorter/],
    ['its last line was rewritten', (trail) => writeFileSync(trail, readFileSync(trail, 'utf8').replace(artifact(299), artifact(299).replace('artifact', 'ARTIFACT'))), /last leaf/],
    ['a tile of its right edge is missing', (trail) => rmSync(join(tileStorePath(trail), 'tile/0/001.p'), {recursive: true}), /damaged/],
    ['a tile of its right edge is cut short', (trail) => truncateSync(join(tileStorePath(trail), 'tile/0/001.p/44'), 100), /damaged/],
    ['a hash of its right edge was changed', (trail) => writeFileSync(join(tileStorePath(trail), 'tile/1/000.p/1'), Buffer.alloc(32)), /root/],
    ['its state is gone', (trail) => rmSync(join(tileStorePath(trail), 'state')), /no tiles/],
  ];
  for (const [what, damage, reason] of staleCases) {
    it(`is rebuilt when ${what}`, async () => {
      const trail = trailOf(300);
      await syncTrailTiles(trail);
      damage(trail);
      const sync = await syncTrailTiles(trail);
      expect(sync.rebuilt).toBe(true);
      expect(sync.reason).toMatch(reason);
      const text = readFileSync(trail, 'utf8');
      const completeLines = text.slice(0, text.lastIndexOf('\n')).split('\n');
      expect(sync.size).toBe(completeLines.length);
      expect(sync.root).toEqual(merkleRoot(completeLines));
    });
  }

  it('finds a full tile that does not hash to its entry in the tile above', async () => {
    const trail = trailOf(600);
    const {store} = await syncTrailTiles(trail);
    const tile = readFileSync(join(store.dir, 'tile/0/000'));
    tile[100] ^= 1;
    writeFileSync(join(store.dir, 'tile/0/000'), tile);
    expect(() => new TileStore(store.dir).node(0, 5)).toThrow(DamagedTilesError);
    expect(new TileStore(store.dir).node(0, 300)).toEqual(leafHash(artifact(300)));
  });

  it('keeps only the widest partial tile of a position and drops it once the tile is full', async () => {
    const trail = trailOf(250);
    await syncTrailTiles(trail);
    appendFileSync(trail, Array.from({length: 3}, (_, i) => `${artifact(250 + i)}\n`).join(''));
    const {store} = await syncTrailTiles(trail);
    expect(readdirSync(join(store.dir, 'tile/0/000.p'))).toEqual(['253']);
    appendFileSync(trail, Array.from({length: 3}, (_, i) => `${artifact(253 + i)}\n`).join(''));
    await syncTrailTiles(trail);
    expect(existsSync(join(store.dir, 'tile/0/000'))).toBe(true);
    expect(existsSync(join(store.dir, 'tile/0/000.p'))).toBe(false);
    expect(new TileStore(store.dir).state()?.size).toBe(256);
  });
});
