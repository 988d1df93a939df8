(function (pkg, js, wasm, strings) {
	// The page's strings (one language) load beside the code; the wasm holds
	// none. If either fails, the page stays plain HTML forms, which work.
	const hydrate = () => {
		const code = import(`/${pkg}/${js}.js`).then((mod) =>
			mod.default({ module_or_path: `/${pkg}/${wasm}.wasm` }).then(() => mod));
		const words = fetch(strings).then((r) => {
			if (!r.ok) throw new Error(`strings: ${r.status}`);
			return r.json();
		});
		Promise.all([code, words])
			.then(([mod, values]) => {
				window.__PRM_STRINGS = values;
				mod.hydrate();
			})
			.catch((e) => console.error("the page stays without scripts:", e));
	};
	const idle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: setTimeout(hydrate, 0);
	requestAnimationFrame(() => setTimeout(idle, 0));
})
