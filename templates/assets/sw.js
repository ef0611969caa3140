// The bus door without signal. A boarding page once opened is kept on the phone, so it opens
// again (a reload, a tab brought back) where there is no network; the changes made on it wait
// in the page's storage (boarding.js) and go when the network returns. Nothing else is kept:
// every other page needs the server, as before. Signing out clears what is kept
// (Clear-Site-Data), so a shared phone holds no traveller of the one who left.
const KEPT = 'tourdesk-door-v1';
const ASSETS = ['/assets/app.css', '/assets/app.js', '/assets/boarding.js', '/assets/jsqr.js', '/assets/favicon.svg'];
const BOARDING_PAGE = /^\/departures\/\d+\/boarding$/;
// On a weak signal a page that does not come within this long is shown as kept.
const PATIENCE_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(KEPT).then((kept) => kept.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('tourdesk-door-') && name !== KEPT).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// The page asks to keep itself right after its first load (before this worker controlled it).
self.addEventListener('message', (event) => {
  const url = event.data && event.data.keep;
  if (typeof url === 'string' && BOARDING_PAGE.test(new URL(url, self.location.origin).pathname)) {
    event.waitUntil(caches.open(KEPT).then((kept) => kept.add(new Request(url, { credentials: 'same-origin' }))).catch(() => {}));
  }
});

/** The network's answer within the patience, else null. */
function fromNetwork(request) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), PATIENCE_MS);
    fetch(request)
      .then((response) => resolve(response))
      .catch(() => resolve(null))
      .finally(() => clearTimeout(timer));
  });
}

/**
 * Where a boarding page is kept: its path, and for one bus of several its `?vehicleId=`
 * (each bus's list is a page of its own); a search is found on the kept list itself.
 */
function keptKey(url) {
  const vehicle = url.searchParams.get('vehicleId');
  return /^\d+$/.test(vehicle || '') ? `${url.pathname}?vehicleId=${vehicle}` : url.pathname;
}

async function boardingPage(request) {
  const kept = await caches.open(KEPT);
  const url = new URL(request.url);
  const key = keptKey(url);
  const response = await fromNetwork(request);
  // Only the page itself is kept: never a sign-in page it was redirected to, never an error, never a search.
  if (response && response.ok && !response.redirected) {
    if (url.pathname + url.search === key) await kept.put(key, response.clone());
    return response;
  }
  const copy = (await kept.match(key)) || null;
  return copy || response || Response.error();
}

async function asset(request) {
  const kept = await caches.open(KEPT);
  const copy = await kept.match(request, { ignoreSearch: true });
  // Kept first (instant without signal), refreshed behind it for the next load.
  const refresh = fetch(request)
    .then((response) => {
      if (response.ok) kept.put(new URL(request.url).pathname, response.clone());
      return response;
    })
    .catch(() => null);
  return copy || (await refresh) || Response.error();
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate' && BOARDING_PAGE.test(url.pathname)) event.respondWith(boardingPage(request));
  else if (ASSETS.includes(url.pathname)) event.respondWith(asset(request));
});
