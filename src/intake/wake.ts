/**
 * A sleep that `wake` ends early. A wake while nobody sleeps is remembered, so a loop that
 * checks `takeWoken()` before sleeping never misses work offered while it was busy.
 */
export class Wakeable {
  private wakeUp: (() => void) | null = null;
  private woken = false;

  wake(): void {
    this.woken = true;
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  /** Whether `wake` was called since the last look; clears it. */
  takeWoken(): boolean {
    const woken = this.woken;
    this.woken = false;
    return woken;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
