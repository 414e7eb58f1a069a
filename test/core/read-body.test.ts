// The response size cap (read-body.ts) on Response objects: when Content-Length is trusted to
// refuse a body before reading it, what an empty or absent body reads as, and the cancel slot an
// attempt uses while the body is read. On real sockets: read-body.socket.test.ts.
import { describe, expect, it } from "vitest";
import { APIResponseTooLargeError } from "../../src/core/errors.js";
import { type BodyContext, readBodyText } from "../../src/core/transport/read-body.js";
import { rejectionOf } from "../helpers/core.js";

const context = (maxResponseBytes: number): BodyContext => ({ method: "GET", path: "/console/v1/gates", maxResponseBytes, cancellation: {} });

describe("Content-Length", () => {
  it("over the cap refuses the body before reading it, naming the declared size", async () => {
    const response = new Response("tiny", { headers: { "content-length": "1000" } });
    const error = await rejectionOf(readBodyText(response, context(10)));
    expect(error).toBeInstanceOf(APIResponseTooLargeError);
    expect((error as Error).message).toContain("declares 1000 bytes");
    expect(response.bodyUsed).toBe(false);
  });

  it.each(["identity", "Identity"])("is trusted with Content-Encoding %s (the length then counts the body as read)", async (encoding) => {
    const response = new Response("tiny", { headers: { "content-length": "1000", "content-encoding": encoding } });
    await expect(readBodyText(response, context(10))).rejects.toThrow("declares 1000 bytes");
  });

  it("is not trusted under a compressing Content-Encoding: it counts compressed bytes, so the decoded body is measured as read", async () => {
    // A gzip body of 1000 bytes may decode to far more or far less; only the bytes read count.
    const response = new Response("tiny", { headers: { "content-length": "1000", "content-encoding": "gzip" } });
    await expect(readBodyText(response, context(10))).resolves.toBe("tiny");
  });

  // Number() would read these as 1000; a length that is not plain digits is no promise at all.
  it.each(["1e3", "0x3e8"])("that is not plain digits (%s) is ignored, not read as a number", async (length) => {
    const response = new Response("tiny", { headers: { "content-length": length } });
    await expect(readBodyText(response, context(10))).resolves.toBe("tiny");
  });
});

describe("bodies with nothing in them", () => {
  it("no body at all (204, HEAD) reads as an empty string", async () => {
    await expect(readBodyText(new Response(null, { status: 204 }), context(10))).resolves.toBe("");
  });

  it("a body stream that ends without a chunk reads as an empty string", async () => {
    const empty = new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    await expect(readBodyText(new Response(empty), context(10))).resolves.toBe("");
  });
});

describe("the cancel slot", () => {
  it("holds the read's cancel function while the body is read, and is emptied once it is read", async () => {
    const slot = context(100);
    let sawCancel = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sawCancel = typeof slot.cancellation.cancel === "function";
        controller.enqueue(new TextEncoder().encode("ok"));
        controller.close();
      },
    });
    await expect(readBodyText(new Response(body), slot)).resolves.toBe("ok");
    expect(sawCancel).toBe(true);
    // A timer firing after the read must not cancel a reader that has finished.
    expect(slot.cancellation.cancel).toBeUndefined();
  });

  it("is emptied when the read fails past the cap", async () => {
    const slot = context(3);
    await expect(readBodyText(new Response("too long"), slot)).rejects.toBeInstanceOf(APIResponseTooLargeError);
    expect(slot.cancellation.cancel).toBeUndefined();
  });
});
