// The promise every facade method returns: awaits to the parsed result, and `.withResponse()`
// also gives the HTTP response.

export interface WithResponse<T> {
  data: T;
  /** The final HTTP response (its body has already been read and parsed into `data`). */
  response: Response;
}

export class APIPromise<T> extends Promise<T> {
  readonly #inner: Promise<WithResponse<T>>;
  #parsed: Promise<T> | undefined;

  constructor(inner: Promise<WithResponse<T>>) {
    // The executor value is never observed: then/catch/finally below read #inner instead.
    super((resolve) => resolve(undefined as T));
    this.#inner = inner;
  }

  // Derived promises (from then/catch/finally) are plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #data(): Promise<T> {
    this.#parsed ??= this.#inner.then((result) => result.data);
    return this.#parsed;
  }

  /** Resolves to `{ data, response }`. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#inner;
  }

  override then<R1 = T, R2 = never>(onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null, onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    return this.#data().then(onfulfilled, onrejected);
  }

  override catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#data().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#data().finally(onfinally);
  }
}
