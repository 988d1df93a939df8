// The portal's service worker. It keeps the versioned static files (code,
// styles, strings, fonts, icons), whose URLs change whenever their bytes
// do, and shows the offline page when a page cannot be loaded. Pages, data
// and members' files always come from the network: nothing user-specific
// is ever kept. The server writes the build's version into CACHE.
const CACHE = "prm-static-__VERSION__";
const OFFLINE = "/offline";

self.addEventListener("install", (event) => {
	event.waitUntil(
		caches.open(CACHE)
			.then((cache) => cache.addAll([OFFLINE, "/favicon.svg"]))
			.then(() => self.skipWaiting()),
	);
});

self.addEventListener("activate", (event) => {
	event.waitUntil(
		caches.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => self.clients.claim()),
	);
});

/** Files that are the same for everyone and never change under one URL. */
function keepable(url) {
	if (url.origin !== self.location.origin) return false;
	const p = url.pathname;
	const versioned = url.searchParams.has("v") && (p.startsWith("/pkg/") || p.startsWith("/app-icon/"));
	return versioned || p.startsWith("/i18n/") || p.startsWith("/fonts/") || p === "/favicon.svg";
}

self.addEventListener("fetch", (event) => {
	const request = event.request;
	if (request.method !== "GET") return;
	if (request.mode === "navigate") {
		event.respondWith(fetch(request).catch(() => caches.match(OFFLINE)));
		return;
	}
	if (!keepable(new URL(request.url))) return;
	event.respondWith(
		caches.open(CACHE).then(async (cache) => {
			const kept = await cache.match(request);
			if (kept) return kept;
			const response = await fetch(request);
			if (response.ok) cache.put(request, response.clone());
			return response;
		}),
	);
});
