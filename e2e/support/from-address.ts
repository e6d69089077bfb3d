/**
 * Requests to the app from a loopback address of their own (any 127.x.y.z on Linux), as another
 * machine's would arrive: the server counts the connection's address, not what a client writes in
 * X-Forwarded-For (lib/server/forwarded-for.ts), so an attacker "from many addresses" has to come
 * from many addresses. Cookies are kept between the requests of one client.
 */
import http from "node:http";

export interface Answer {
  status: number;
  text: string;
}

export function clientAt(baseURL: string, localAddress: string) {
  const url = new URL(baseURL);
  const cookies = new Map<string, string>();
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<Answer>((resolve, reject) => {
      const jar = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      const req = http.request(
        {
          host: url.hostname, port: url.port, path, method, localAddress,
          headers: { ...headers, ...(jar ? { cookie: jar } : {}), ...(body === undefined ? {} : { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)) }) },
        },
        (res) => {
          for (const c of res.headers["set-cookie"] ?? []) {
            const pair = c.split(";")[0]!;
            const i = pair.indexOf("=");
            cookies.set(pair.slice(0, i), pair.slice(i + 1));
          }
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (text += d));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return {
    /** A sign-in through next-auth's credentials endpoint, claiming `forwardedFor` as its address. */
    async signIn(email: string, password: string, forwardedFor: string): Promise<Answer> {
      const { csrfToken } = JSON.parse((await send("GET", "/api/auth/csrf")).text) as { csrfToken: string };
      const form = new URLSearchParams({ email, password, csrfToken, json: "true" }).toString();
      return send("POST", "/api/auth/callback/credentials", form, { "x-forwarded-for": forwardedFor });
    },
  };
}
