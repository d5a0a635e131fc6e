import { SimResponse, larkError } from '../http-kit';

export interface PageRequest {
  pageSize: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  has_more: boolean;
  page_token?: string;
}

/** Page tokens are opaque to clients but tied to the listing they came from. */
export function encodePageToken(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listing, o: offset })).toString('base64url');
}

function decodePageToken(token: string, listing: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      l?: unknown;
      o?: unknown;
    };
    return decoded.l === listing && Number.isInteger(decoded.o) && (decoded.o as number) >= 0
      ? (decoded.o as number)
      : undefined;
  } catch {
    return undefined;
  }
}

export function readPageRequest(
  query: URLSearchParams,
  listing: string,
  defaultSize: number,
  maxSize: number,
): PageRequest | SimResponse {
  const rawSize = query.get('page_size');
  const pageSize = rawSize === null || rawSize === '' ? defaultSize : Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 1) return larkError(400, 40011, 'page size is invalid');
  if (pageSize > maxSize) return larkError(400, 40009, `page size must not exceed ${maxSize}`);
  const token = query.get('page_token');
  if (token === null || token === '') return { pageSize, offset: 0 };
  const offset = decodePageToken(token, listing);
  return offset === undefined ? larkError(400, 40012, 'page token is invalid') : { pageSize, offset };
}

export function isPageRequest(value: PageRequest | SimResponse): value is PageRequest {
  return 'pageSize' in value;
}

export function paginate<T>(all: T[], request: PageRequest, listing: string): Page<T> {
  const end = request.offset + request.pageSize;
  const hasMore = end < all.length;
  return {
    items: all.slice(request.offset, end),
    has_more: hasMore,
    ...(hasMore ? { page_token: encodePageToken(listing, end) } : {}),
  };
}
