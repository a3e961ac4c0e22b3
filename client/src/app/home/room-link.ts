import { roomIdSchema, type RoomId } from '@parley/protocol';

/**
 * The room a person means by what they typed or pasted: a bare code
 * (`k7tpw-q3mzr-9xa2b-ncd4e`), or any link whose path holds `/r/<code>` (with or
 * without scheme, query or fragment). Null when it is neither.
 */
export function parseRoomInput(input: string): RoomId | null {
  const text = input.trim();
  if (!text) return null;
  const bare = roomIdSchema.safeParse(text);
  if (bare.success) return bare.data;
  const url = toUrl(text);
  if (!url) return null;
  const match = /(?:^|\/)r\/([^/]+)\/?/.exec(url.pathname);
  const code = match?.[1];
  if (code === undefined) return null;
  const parsed = roomIdSchema.safeParse(decodeURIComponent(code));
  return parsed.success ? parsed.data : null;
}

function toUrl(text: string): URL | null {
  // A bare path ("/r/abc") needs a base; a pasted link may lack its scheme ("meet.example.org/r/abc").
  const candidates = text.startsWith('/') ? [`https://parley.invalid${text}`] : [text, `https://${text}`];
  for (const candidate of candidates) {
    if (URL.canParse(candidate)) return new URL(candidate);
  }
  return null;
}
