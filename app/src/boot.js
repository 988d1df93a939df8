(function (pkg, js, wasm, strings) {
	// The page's strings (one language) come with the code; the wasm holds none.
	const hydrate = () =>
		Promise.all([import(`/${pkg}/${js}.js`), fetch(strings).then((r) => r.json())]).then(([mod, values]) => {
			window.__PRM_STRINGS = values;
			return mod.default({ module_or_path: `/${pkg}/${wasm}.wasm` }).then(() => mod.hydrate());
		});
	const idle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: setTimeout(hydrate, 0);
	requestAnimationFrame(() => setTimeout(idle, 0));
})
