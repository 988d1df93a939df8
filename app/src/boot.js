(function (pkg, js, wasm) {
	const hydrate = () =>
		import(`/${pkg}/${js}.js`).then((mod) =>
			mod.default({ module_or_path: `/${pkg}/${wasm}.wasm` }).then(() => mod.hydrate()));
	const idle = () =>
		"requestIdleCallback" in window
			? window.requestIdleCallback(hydrate, { timeout: 2000 })
			: setTimeout(hydrate, 0);
	requestAnimationFrame(() => setTimeout(idle, 0));
})
