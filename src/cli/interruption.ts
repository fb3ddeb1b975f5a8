/**
 * Ctrl-C handling for `sluice run`: the first interrupt cancels whatever is running (a job or a query) and lets
 * the script runner finish cleanly (summary printed, exit code 130); a second one gives up waiting.
 */

export interface Cancellable {
  cancel(): Promise<void>;
}

export class Interruption {
  private running: Cancellable | null = null;
  private cancelling: Promise<void> | null = null;
  private count = 0;

  get interrupted(): boolean {
    return this.count > 0;
  }

  /** Registers the job or query that an interrupt should cancel; returns a function that unregisters it. */
  track(target: Cancellable): () => void {
    this.running = target;
    if (this.interrupted) void this.cancelRunning();
    return () => {
      if (this.running === target) this.running = null;
    };
  }

  /** Called on SIGINT. Returns 'cancel' for the first interrupt, 'force' for any later one. */
  interrupt(): 'cancel' | 'force' {
    this.count += 1;
    if (this.count > 1) return 'force';
    void this.cancelRunning();
    return 'cancel';
  }

  /** Resolves once the cancellation started by an interrupt (if any) has finished. */
  async settled(): Promise<void> {
    await this.cancelling;
  }

  private cancelRunning(): Promise<void> {
    const target = this.running;
    if (!target) return Promise.resolve();
    // A failing cancel must not become an unhandled rejection; the job's own done() reports failures.
    this.cancelling = target.cancel().catch(() => undefined);
    return this.cancelling;
  }
}
