// Thicket's service worker: once the playground has been opened, it opens and checks offline
// too (a widget in a course page read on a train, the worker started again after a Cancel).
// Network first, so a new version is used as soon as it is online; every file of our own that
// arrives is kept, and served when the network fails.
const CACHE = 'thicket';

// A file Trunk names by its content (`thicket-web-0123456789abcdef_bg.wasm`): the stem before
// the hash, so a new version's file replaces the old one instead of piling up beside it.
const HASHED = /^(.*)-[0-9a-f]{16}((?:_bg)?\.[a-z]+)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(networkFirst(event, request, url));
});

async function networkFirst(event, request, url) {
  try {
    const response = await fetch(request);
    // The page gets the response at once; the copy is kept while it reads it.
    if (response.ok) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => keep(cache, url, copy)));
    }
    return response;
  } catch (offline) {
    const cache = await caches.open(CACHE);
    // The page's address differs only by `?embed`: either copy of the page will do.
    const kept = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
    if (kept) return kept;
    throw offline;
  }
}

async function keep(cache, url, response) {
  const hashed = url.pathname.match(HASHED);
  if (hashed) {
    for (const old of await cache.keys()) {
      const path = new URL(old.url).pathname;
      const match = path.match(HASHED);
      if (match && match[1] === hashed[1] && match[2] === hashed[2] && path !== url.pathname) {
        await cache.delete(old);
      }
    }
  }
  await cache.put(url.href, response);
}
