/**
 * One queue per key: tasks for the same key run one after another, in arrival order; tasks for
 * different keys run side by side. Used so that two runs writing one workbook never interleave a
 * read-modify-write and lose each other's change.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The map forgets a key once its queue is empty, so it does not grow with every file ever written.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
