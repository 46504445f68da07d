/** One part's answer to "can you do your work right now?", for `/readyz`. */
export interface Readiness {
  ok: boolean;
  /** What was checked and what it said, in words an operator can act on; never a secret. */
  detail: string;
}
