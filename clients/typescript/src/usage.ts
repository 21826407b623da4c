// How an app uses the generated types with openapi-fetch. Compiled by build.sh with `tsc --noEmit
// --strict`: a contract change that would break an app (a renamed field, a removed operation, a
// changed parameter) breaks this compile.
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api";

export type MessageSummary = components["schemas"]["MessageSummary"];
export type Folder = components["schemas"]["Folder"];

/** A client that sends the device's (or the operator's) bearer token on every call. */
export function mailsyncClient(baseUrl: string, token: string) {
  return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
}

type MailsyncClient = ReturnType<typeof mailsyncClient>;

/** Thrown with the problem+json body the gateway answers on every error. */
export class MailsyncProblem extends Error {
  constructor(readonly problem: components["schemas"]["Problem"]) {
    super(problem.title ?? "mailsync-gateway error");
  }
}

/** The inbox of an account, as the folder list reports it. */
export async function inbox(client: MailsyncClient, accountId: string): Promise<Folder | undefined> {
  const { data, error } = await client.GET("/api/v1/accounts/{accountId}/folders", {
    params: { path: { accountId } },
  });
  if (error) throw new MailsyncProblem(error);
  return (data.items ?? []).find((folder) => folder.role === "inbox");
}

/** Every unread message of a folder, newest first, following the pages. */
export async function unreadMessages(client: MailsyncClient, accountId: string, folderId: string): Promise<MessageSummary[]> {
  const messages: MessageSummary[] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/api/v1/accounts/{accountId}/messages", {
      params: { path: { accountId }, query: { folderId, unread: true, limit: 50, cursor } },
    });
    if (error) throw new MailsyncProblem(error);
    messages.push(...(data.items ?? []));
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  return messages;
}

/** The subject and plain-text body of one message. */
export async function readMessage(client: MailsyncClient, accountId: string, messageId: string): Promise<string> {
  const { data, error } = await client.GET("/api/v1/accounts/{accountId}/messages/{messageId}", {
    params: { path: { accountId, messageId } },
  });
  if (error) throw new MailsyncProblem(error);
  const seen: boolean | undefined = data.seen;
  return `${seen ? "" : "* "}${data.subject ?? "(no subject)"}\n\n${data.textBody ?? ""}`;
}

/** Registers a phone as the operator and returns the token it must keep. */
export async function registerPhone(operator: MailsyncClient, accountId: string, name: string): Promise<string> {
  const { data, error } = await operator.POST("/api/v1/accounts/{accountId}/devices", {
    params: { path: { accountId } },
    body: { name, platform: "android", mode: "IMAP" },
  });
  if (error) throw new MailsyncProblem(error);
  if (!data.token) throw new Error("the gateway returned no device token");
  return data.token;
}

export type Change = components["schemas"]["Change"];

/** Marks a message read; the answer comes once the upstream server has \Seen. Pass the ETag to refuse a stale change. */
export async function markRead(client: MailsyncClient, accountId: string, messageId: string, etag?: string): Promise<MessageSummary> {
  const { data, error } = await client.PATCH("/api/v1/accounts/{accountId}/messages/{messageId}", {
    params: { path: { accountId, messageId }, header: { "If-Match": etag } },
    body: { seen: true },
  });
  if (error) throw new MailsyncProblem(error);
  return data;
}

/** Every change after a cursor (all retained changes without one); returns them with the cursor to keep. */
export async function changesSince(client: MailsyncClient, accountId: string, since?: string): Promise<{ changes: Change[]; cursor: string | undefined }> {
  const changes: Change[] = [];
  let cursor = since;
  for (;;) {
    const { data, error } = await client.GET("/api/v1/accounts/{accountId}/changes", {
      params: { path: { accountId }, query: { since: cursor, limit: 500 } },
    });
    if (error) throw new MailsyncProblem(error);
    changes.push(...(data.items ?? []));
    cursor = data.nextCursor ?? cursor;
    if (!data.hasMore) return { changes, cursor };
  }
}
