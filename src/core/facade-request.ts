// The request object openapi-fetch builds for a facade call (its per-request `Request` option).
//
// Node's Request costs about 20 µs to construct, 60 µs with a body (a stream, an AbortSignal, a
// finalizer), and a facade call would only read it back in the transport, which builds the
// request fetch really sends, once per attempt. This one keeps what openapi-fetch, the middleware
// and the transport read, as plain fields: method, URL, headers and the serialized body. Calls
// through `sc.raw` get standard Requests; a middleware added with `sc.raw.use()` sees this class
// for facade calls, with the same fields and body readers.

export class FacadeRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The body as openapi-fetch's body serializer wrote it (JSON text), or null. */
  readonly bodyText: string | null;

  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = init.method ?? "GET";
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    const { body } = init;
    if (body !== undefined && body !== null && typeof body !== "string") throw new TypeError("a facade request body is JSON text");
    this.bodyText = body ?? null;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.bodyText === null ? null : new Response(this.bodyText).body;
  }

  async text(): Promise<string> {
    return this.bodyText ?? "";
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Response(this.bodyText).arrayBuffer();
  }

  clone(): FacadeRequest {
    return new FacadeRequest(this.url, { method: this.method, headers: new Headers(this.headers), body: this.bodyText });
  }
}
