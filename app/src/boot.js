(function (pkg, js, wasm, strings, version) {
	// The service worker keeps the static files and shows the offline page
	// (server/src/web_app); registered once the page has loaded.
	if ("serviceWorker" in navigator) {
		addEventListener("load", () => navigator.serviceWorker.register("/sw.js").catch(() => {}));
	}
	// Only the page's islands hydrate; a page without any (and without a
	// file helper for its plain forms) needs no code at all. The page's
	// strings (one language) load beside the code; the wasm holds none. If
	// either fails, the page stays plain HTML forms, which work.
	const marked = () => document.body.setAttribute("data-hydrated", "true");
	if (!document.querySelector("leptos-island, [data-fill], [data-attach], [data-progress]")) {
		marked();
		return;
	}
	const hydrate = () => {
		const code = import(`/${pkg}/${js}.js?v=${version}`).then((mod) =>
			mod.default({ module_or_path: `/${pkg}/${wasm}.wasm?v=${version}` }).then(() => mod));
		const words = fetch(strings).then((r) => {
			if (!r.ok) throw new Error(`strings: ${r.status}`);
			return r.json();
		});
		Promise.all([code, words])
			.then(async ([mod, values]) => {
				window.__PRM_STRINGS = values;
				mod.hydrate();
				// Each island is handed to its exported function (named in
				// data-component). The portal nests no islands, so document
				// order is enough.
				for (const island of document.querySelectorAll("leptos-island")) {
					const hydrateIsland = mod[island.dataset.component];
					if (hydrateIsland) await hydrateIsland(island);
					else console.warn(`no code for the island ${island.dataset.component}`);
				}
				marked();
			})
			.catch((e) => console.error("the page stays without scripts:", e));
	};
	const idle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: setTimeout(hydrate, 0);
	requestAnimationFrame(() => setTimeout(idle, 0));
})
