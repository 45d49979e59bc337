/**
 * voy-search (a WASM k-d tree) behind the VectorIndex interface, with guards for its known flaws:
 * - it returns no scores: we keep the unit vectors and compute cosine ourselves;
 * - it panics ("unreachable") on ~33+ identical vectors: identical vectors are stored once in voy
 *   and expanded back to all their ids on search;
 * - it silently pads/truncates to 768 dimensions: larger vectors are refused;
 * - its serialize() costs ~8 KB of JSON per vector: we never persist it; raw vectors are stored
 *   as binary and the tree is rebuilt at load.
 */
import { ExactIndex } from './exact-index';
import { checkDims, type VectorHit, type VectorIndex } from './vector-index';
import { dot, normalize, sameVector, vectorKey } from './vector-math';
import type { VoyModule } from './voy-module';

type Voy = InstanceType<VoyModule['Voy']>;

interface Group {
  /** The id voy knows this vector by. */
  key: string;
  members: string[];
}

export class VoyIndex implements VectorIndex {
  readonly kind = 'voy';
  private voy: Voy;
  /** Unit vectors by id, for scores. */
  private readonly vectors: ExactIndex;
  private groups = new Map<string, Group>();
  private groupOf = new Map<string, Group>();
  private dirty = false;

  constructor(
    private readonly voyModule: VoyModule,
    readonly dims: number,
  ) {
    this.vectors = new ExactIndex(dims);
    this.voy = new voyModule.Voy({ embeddings: [] });
  }

  get size(): number {
    return this.vectors.size;
  }

  /** Distinct vectors inside voy (identical ones collapse to one). */
  get distinct(): number {
    return this.groups.size;
  }

  add(items: { id: string; vector: Float32Array }[]): void {
    for (const { id, vector } of items) checkDims(this.dims, vector.length, `Vector "${id}"`);
    const fresh: { key: string; unit: Float32Array }[] = [];
    for (const { id, vector } of items) {
      if (this.groupOf.has(id)) this.remove([id]);
      const unit = normalize(vector);
      this.vectors.add([{ id, vector: unit }]);
      let key = vectorKey(unit);
      let group = this.groups.get(key);
      // A hash collision between different vectors gets its own key.
      while (group && !sameVector(this.vectors.vectorOf(group.members[0]!)!, unit)) {
        key += '+';
        group = this.groups.get(key);
      }
      if (group) {
        group.members.push(id);
      } else {
        group = { key, members: [id] };
        this.groups.set(key, group);
        fresh.push({ key, unit });
      }
      this.groupOf.set(id, group);
    }
    // voy's add() re-serializes its whole tree (67 s for 10k vectors, measured); building anew from
    // all vectors takes about a second at 10k, so additions only mark the tree for a rebuild.
    if (fresh.length) this.dirty = true;
  }

  remove(ids: string[]): void {
    for (const id of ids) {
      const group = this.groupOf.get(id);
      if (!group) continue;
      this.groupOf.delete(id);
      group.members = group.members.filter((m) => m !== id);
      if (group.members.length === 0) {
        this.groups.delete(group.key);
        // voy's own remove is unreliable for k-d tree deletes; rebuild before the next search.
        this.dirty = true;
      }
    }
    this.vectors.remove(ids);
  }

  /** Rebuilds voy's tree from the kept vectors: after removals, or after a bulk restore. */
  rebuild(): void {
    const embeddings = [...this.groups.values()].map((g) => resource(g.key, this.vectors.vectorOf(g.members[0]!)!));
    this.voy.free();
    this.voy = new this.voyModule.Voy({ embeddings });
    this.dirty = false;
  }

  search(query: Float32Array, k: number): VectorHit[] {
    checkDims(this.dims, query.length, 'The query vector');
    if (this.dirty) this.rebuild();
    if (this.groups.size === 0 || k <= 0) return [];
    const q = normalize(query);
    const neighbors = this.voy.search(q, Math.min(k, this.groups.size)).neighbors;
    const hits: VectorHit[] = [];
    for (const n of neighbors) {
      const group = this.groups.get(n.id);
      if (!group) continue;
      const score = dot(q, this.vectors.vectorOf(group.members[0]!)!);
      for (const id of group.members) hits.push({ id, score });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, k);
  }

  vectorOf(id: string): Float32Array | undefined {
    return this.vectors.vectorOf(id);
  }

  clear(): void {
    this.vectors.clear();
    this.groups.clear();
    this.groupOf.clear();
    this.voy.clear();
    this.dirty = false;
  }
}

function resource(key: string, unit: Float32Array) {
  return { id: key, title: '', url: '', embeddings: Array.from(unit) };
}
