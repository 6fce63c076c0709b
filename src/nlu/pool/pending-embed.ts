import { ShopmateError } from '../../core/errors.ts';

/** One embed() call: its vectors arrive piece by piece (a long call is split over several batches and workers). */
export class PendingEmbed {
  private readonly out: Float32Array[];
  private left: number;
  settled = false;

  constructor(
    size: number,
    private readonly resolve: (vectors: Float32Array[]) => void,
    private readonly reject: (e: ShopmateError) => void,
  ) {
    this.out = new Array<Float32Array>(size);
    this.left = size;
  }

  /** Vectors of the texts starting at `offset`, in their order. */
  fill(offset: number, vectors: Float32Array[]): void {
    if (this.settled) return;
    vectors.forEach((v, i) => (this.out[offset + i] = v));
    this.left -= vectors.length;
    if (this.left === 0) {
      this.settled = true;
      this.resolve(this.out);
    }
  }

  /** The first failure of any piece fails the whole call; later pieces are ignored. */
  fail(e: ShopmateError): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(e);
  }
}

/** Up to batchSize consecutive texts of one call, waiting in the pool's queue or being embedded by a worker. */
export interface EmbedPiece {
  call: PendingEmbed;
  /** Part of a call of several texts (start-up, training, a gate): it yields to single live messages. */
  bulk: boolean;
  offset: number;
  texts: string[];
  queuedAt: number;
}
