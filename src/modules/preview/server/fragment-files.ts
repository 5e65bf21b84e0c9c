import type { Db } from "@/lib/db/client";
import { findPreviewGrant } from "./preview-token";

/** A fragment's files: relative path → content, as saved in Fragment.files. */
export type FragmentFiles = ReadonlyMap<string, string>;

/** Files opened by a revocable grant (a share link): served, but never cached past the request. */
export type RevocableFiles = { files: FragmentFiles; revocable: true };

/** The files a preview URL's token opens, or null for a token that opens nothing. */
export type FragmentFileSource = (token: string) => Promise<FragmentFiles | RevocableFiles | null>;

const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Resolves the token (findPreviewGrant, asked on every request), then reads the fragment's files
 * from Postgres, remembering recent ones: a page load asks for several files of the same
 * fragment, and fragments are immutable, so a cached copy is never stale. Bounded by bytes (least
 * recently used dropped first); concurrent requests share one query.
 */
export function fragmentFilesFromDb(db: Pick<Db, "fragment" | "shareLink">, cacheBytes = CACHE_BYTES): FragmentFileSource {
  const filesOf = cachedFragmentFiles(db, cacheBytes);
  return async (token) => {
    const grant = await findPreviewGrant(db, token);
    if (!grant) return null;
    const files = await filesOf(grant.fragmentId);
    return files && grant.revocable ? { files, revocable: true } : files;
  };
}

function cachedFragmentFiles(db: Pick<Db, "fragment">, cacheBytes: number) {
  const cache = new Map<string, { files: Promise<FragmentFiles | null>; bytes: number }>();
  let cachedBytes = 0;

  const evict = () => {
    for (const [id, entry] of cache) {
      if (cachedBytes <= cacheBytes) break;
      cache.delete(id);
      cachedBytes -= entry.bytes;
    }
  };

  return async (fragmentId: string): Promise<FragmentFiles | null> => {
    const hit = cache.get(fragmentId);
    if (hit) {
      cache.delete(fragmentId); // re-insert: Map order is the recency order
      cache.set(fragmentId, hit);
      return hit.files;
    }
    const entry = { files: load(db, fragmentId), bytes: 0 };
    cache.set(fragmentId, entry);
    try {
      const files = await entry.files;
      // Unknown ids are not cached: the fragment may be committed a moment later.
      if (!files) cache.delete(fragmentId);
      else {
        entry.bytes = sizeOf(files);
        cachedBytes += entry.bytes;
        evict();
      }
      return files;
    } catch (error) {
      cache.delete(fragmentId);
      throw error;
    }
  };
}

async function load(db: Pick<Db, "fragment">, id: string): Promise<FragmentFiles | null> {
  const row = await db.fragment.findUnique({ where: { id }, select: { files: true } });
  if (!row || typeof row.files !== "object" || row.files === null || Array.isArray(row.files)) return null;
  const files = new Map<string, string>();
  for (const [path, content] of Object.entries(row.files)) {
    if (typeof content === "string") files.set(path.replace(/^\.\//, ""), content);
  }
  return files;
}

function sizeOf(files: FragmentFiles): number {
  let bytes = 0;
  for (const [path, content] of files) bytes += path.length + content.length * 2; // UTF-16 in memory
  return bytes;
}
